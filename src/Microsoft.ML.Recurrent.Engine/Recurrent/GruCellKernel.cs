using System.Numerics;
using static Microsoft.ML.Recurrent.Engine.Kernels.Activations;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>
/// GRU pointwise math in PyTorch's formulation and gate order (r, z, n):
/// r = σ(x_r + h_r), z = σ(x_z + h_z), n = tanh(x_n + r·h_n), h' = (1 − z)·n + z·h,
/// where h_* = W_h* h + b_h*. Caches h_n in aux.
/// </summary>
internal sealed class GruCellKernel : CellKernel
{
    public static readonly GruCellKernel Instance = new();

    public override int GateCount => 3;

    public override bool SeparateRecurrentProjection => true;

    public override void ForwardRow(
        Span<float> gates, ReadOnlySpan<float> recurrent, Span<float> aux,
        ReadOnlySpan<float> hPrev, ReadOnlySpan<float> cPrev, Span<float> hNew, Span<float> cNew)
    {
        int h = hNew.Length;
        Span<float> xr = gates[..h], xz = gates.Slice(h, h), xn = gates.Slice(2 * h, h);
        ReadOnlySpan<float> hr = recurrent[..h], hz = recurrent.Slice(h, h), hn = recurrent.Slice(2 * h, h);
        int j = 0;
        for (; j <= h - Vector<float>.Count; j += Vector<float>.Count)
        {
            var hnv = new Vector<float>(hn[j..]);
            var r = Sigmoid(new Vector<float>(xr[j..]) + new Vector<float>(hr[j..]));
            var z = Sigmoid(new Vector<float>(xz[j..]) + new Vector<float>(hz[j..]));
            var n = Tanh(new Vector<float>(xn[j..]) + r * hnv);
            r.CopyTo(xr[j..]);
            z.CopyTo(xz[j..]);
            n.CopyTo(xn[j..]);
            hnv.CopyTo(aux[j..]);
            (n + z * (new Vector<float>(hPrev[j..]) - n)).CopyTo(hNew[j..]);
        }

        for (; j < h; j++)
        {
            float r = Sigmoid(xr[j] + hr[j]);
            float z = Sigmoid(xz[j] + hz[j]);
            float n = Tanh(xn[j] + r * hn[j]);
            (xr[j], xz[j], xn[j]) = (r, z, n);
            aux[j] = hn[j];
            hNew[j] = n + z * (hPrev[j] - n);
        }
    }

    public override void BackwardRow(
        ReadOnlySpan<float> gates, ReadOnlySpan<float> aux,
        ReadOnlySpan<float> hPrev, ReadOnlySpan<float> hNew, ReadOnlySpan<float> cPrev,
        ReadOnlySpan<float> dh, ReadOnlySpan<float> dc,
        Span<float> dInput, Span<float> dRecurrent, Span<float> dhDirect, Span<float> dcPrev)
    {
        int h = hNew.Length;
        ReadOnlySpan<float> gr = gates[..h], gz = gates.Slice(h, h), gn = gates.Slice(2 * h, h);
        Span<float> dxr = dInput[..h], dxz = dInput.Slice(h, h), dxn = dInput.Slice(2 * h, h);
        Span<float> dhr = dRecurrent[..h], dhz = dRecurrent.Slice(h, h), dhn = dRecurrent.Slice(2 * h, h);
        var one = Vector<float>.One;
        int j = 0;
        for (; j <= h - Vector<float>.Count; j += Vector<float>.Count)
        {
            var r = new Vector<float>(gr[j..]);
            var z = new Vector<float>(gz[j..]);
            var n = new Vector<float>(gn[j..]);
            var dH = new Vector<float>(dh[j..]);
            var dPreN = dH * (one - z) * (one - n * n);
            var dPreR = dPreN * new Vector<float>(aux[j..]) * r * (one - r);
            var dPreZ = dH * (new Vector<float>(hPrev[j..]) - n) * z * (one - z);
            dPreR.CopyTo(dxr[j..]);
            dPreR.CopyTo(dhr[j..]);
            dPreZ.CopyTo(dxz[j..]);
            dPreZ.CopyTo(dhz[j..]);
            dPreN.CopyTo(dxn[j..]);
            (dPreN * r).CopyTo(dhn[j..]);
            (dH * z).CopyTo(dhDirect[j..]);
        }

        for (; j < h; j++)
        {
            float r = gr[j], z = gz[j], n = gn[j], dH = dh[j];
            float dPreN = dH * (1 - z) * (1 - n * n);
            float dPreR = dPreN * aux[j] * r * (1 - r);
            float dPreZ = dH * (hPrev[j] - n) * z * (1 - z);
            dxr[j] = dhr[j] = dPreR;
            dxz[j] = dhz[j] = dPreZ;
            dxn[j] = dPreN;
            dhn[j] = dPreN * r;
            dhDirect[j] = dH * z;
        }
    }
}
