using System.Numerics;
using static Microsoft.ML.Recurrent.Engine.Kernels.Activations;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>
/// LSTM pointwise math in PyTorch's gate order (i, f, g, o):
/// c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c'). Caches tanh(c') in aux.
/// </summary>
internal sealed class LstmCellKernel : CellKernel
{
    public static readonly LstmCellKernel Instance = new();

    public override int GateCount => 4;

    public override bool HasCellState => true;

    public override void ForwardRow(
        Span<float> gates, ReadOnlySpan<float> recurrent, Span<float> aux,
        ReadOnlySpan<float> hPrev, ReadOnlySpan<float> cPrev, Span<float> hNew, Span<float> cNew)
    {
        int h = hNew.Length;
        Span<float> gi = gates[..h], gf = gates.Slice(h, h), gg = gates.Slice(2 * h, h), go = gates.Slice(3 * h, h);
        int j = 0;
        for (; j <= h - Vector<float>.Count; j += Vector<float>.Count)
        {
            var i = Sigmoid(new Vector<float>(gi[j..]));
            var f = Sigmoid(new Vector<float>(gf[j..]));
            var g = Tanh(new Vector<float>(gg[j..]));
            var o = Sigmoid(new Vector<float>(go[j..]));
            var c = f * new Vector<float>(cPrev[j..]) + i * g;
            var tc = Tanh(c);
            i.CopyTo(gi[j..]);
            f.CopyTo(gf[j..]);
            g.CopyTo(gg[j..]);
            o.CopyTo(go[j..]);
            c.CopyTo(cNew[j..]);
            tc.CopyTo(aux[j..]);
            (o * tc).CopyTo(hNew[j..]);
        }

        for (; j < h; j++)
        {
            float i = Sigmoid(gi[j]), f = Sigmoid(gf[j]), g = Tanh(gg[j]), o = Sigmoid(go[j]);
            float c = f * cPrev[j] + i * g;
            float tc = Tanh(c);
            (gi[j], gf[j], gg[j], go[j]) = (i, f, g, o);
            cNew[j] = c;
            aux[j] = tc;
            hNew[j] = o * tc;
        }
    }

    public override void BackwardRow(
        ReadOnlySpan<float> gates, ReadOnlySpan<float> aux,
        ReadOnlySpan<float> hPrev, ReadOnlySpan<float> hNew, ReadOnlySpan<float> cPrev,
        ReadOnlySpan<float> dh, ReadOnlySpan<float> dc,
        Span<float> dInput, Span<float> dRecurrent, Span<float> dhDirect, Span<float> dcPrev)
    {
        int h = hNew.Length;
        ReadOnlySpan<float> gi = gates[..h], gf = gates.Slice(h, h), gg = gates.Slice(2 * h, h), go = gates.Slice(3 * h, h);
        Span<float> di = dInput[..h], df = dInput.Slice(h, h), dg = dInput.Slice(2 * h, h), dout = dInput.Slice(3 * h, h);
        dhDirect.Clear();
        var one = Vector<float>.One;
        int j = 0;
        for (; j <= h - Vector<float>.Count; j += Vector<float>.Count)
        {
            var i = new Vector<float>(gi[j..]);
            var f = new Vector<float>(gf[j..]);
            var g = new Vector<float>(gg[j..]);
            var o = new Vector<float>(go[j..]);
            var tc = new Vector<float>(aux[j..]);
            var dH = new Vector<float>(dh[j..]);
            var dC = new Vector<float>(dc[j..]) + dH * o * (one - tc * tc);
            (dC * g * i * (one - i)).CopyTo(di[j..]);
            (dC * new Vector<float>(cPrev[j..]) * f * (one - f)).CopyTo(df[j..]);
            (dC * i * (one - g * g)).CopyTo(dg[j..]);
            (dH * tc * o * (one - o)).CopyTo(dout[j..]);
            (dC * f).CopyTo(dcPrev[j..]);
        }

        for (; j < h; j++)
        {
            float i = gi[j], f = gf[j], g = gg[j], o = go[j], tc = aux[j], dH = dh[j];
            float dC = dc[j] + dH * o * (1 - tc * tc);
            di[j] = dC * g * i * (1 - i);
            df[j] = dC * cPrev[j] * f * (1 - f);
            dg[j] = dC * i * (1 - g * g);
            dout[j] = dH * tc * o * (1 - o);
            dcPrev[j] = dC * f;
        }
    }
}
