using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void ForwardRow(
        Span<float> gates, ReadOnlySpan<float> recurrent, ReadOnlySpan<float> inputBias, ReadOnlySpan<float> recurrentBias, Span<float> aux,
        ReadOnlySpan<float> hPrev, ReadOnlySpan<float> cPrev, Span<float> hNew, Span<float> cNew)
    {
        int h = hNew.Length;
        if (gates.Length < 4 * h || inputBias.Length < 4 * h || aux.Length < h || cPrev.Length < h || cNew.Length < h)
        {
            throw new ArgumentException("LSTM row buffers are too short.");
        }

        ref float g0 = ref MemoryMarshal.GetReference(gates);
        ref float b0 = ref MemoryMarshal.GetReference(inputBias);
        ref float a0 = ref MemoryMarshal.GetReference(aux);
        ref float cp = ref MemoryMarshal.GetReference(cPrev);
        ref float hn = ref MemoryMarshal.GetReference(hNew);
        ref float cn = ref MemoryMarshal.GetReference(cNew);
        nuint n = (nuint)h, j = 0;
        for (; (int)j <= h - Vector<float>.Count; j += (nuint)Vector<float>.Count)
        {
            var i = Sigmoid(Vector.LoadUnsafe(ref g0, j) + Vector.LoadUnsafe(ref b0, j));
            var f = Sigmoid(Vector.LoadUnsafe(ref g0, n + j) + Vector.LoadUnsafe(ref b0, n + j));
            var g = Tanh(Vector.LoadUnsafe(ref g0, 2 * n + j) + Vector.LoadUnsafe(ref b0, 2 * n + j));
            var o = Sigmoid(Vector.LoadUnsafe(ref g0, 3 * n + j) + Vector.LoadUnsafe(ref b0, 3 * n + j));
            var c = f * Vector.LoadUnsafe(ref cp, j) + i * g;
            var tc = Tanh(c);
            i.StoreUnsafe(ref g0, j);
            f.StoreUnsafe(ref g0, n + j);
            g.StoreUnsafe(ref g0, 2 * n + j);
            o.StoreUnsafe(ref g0, 3 * n + j);
            c.StoreUnsafe(ref cn, j);
            tc.StoreUnsafe(ref a0, j);
            (o * tc).StoreUnsafe(ref hn, j);
        }

        for (int k = (int)j; k < h; k++)
        {
            float i = Sigmoid(gates[k] + inputBias[k]), f = Sigmoid(gates[h + k] + inputBias[h + k]);
            float g = Tanh(gates[2 * h + k] + inputBias[2 * h + k]), o = Sigmoid(gates[3 * h + k] + inputBias[3 * h + k]);
            float c = f * cPrev[k] + i * g;
            float tc = Tanh(c);
            (gates[k], gates[h + k], gates[2 * h + k], gates[3 * h + k]) = (i, f, g, o);
            cNew[k] = c;
            aux[k] = tc;
            hNew[k] = o * tc;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void BackwardRow(
        ReadOnlySpan<float> gates, ReadOnlySpan<float> aux,
        ReadOnlySpan<float> hPrev, ReadOnlySpan<float> hNew, ReadOnlySpan<float> cPrev,
        ReadOnlySpan<float> dh, ReadOnlySpan<float> dc,
        Span<float> dInput, Span<float> dRecurrent, Span<float> dhDirect, Span<float> dcPrev)
    {
        int h = hNew.Length;
        if (gates.Length < 4 * h || dInput.Length < 4 * h || aux.Length < h || cPrev.Length < h || dh.Length < h || dc.Length < h || dcPrev.Length < h)
        {
            throw new ArgumentException("LSTM row buffers are too short.");
        }

        dhDirect.Clear();
        ref float g0 = ref MemoryMarshal.GetReference(gates);
        ref float a0 = ref MemoryMarshal.GetReference(aux);
        ref float cp = ref MemoryMarshal.GetReference(cPrev);
        ref float dH0 = ref MemoryMarshal.GetReference(dh);
        ref float dC0 = ref MemoryMarshal.GetReference(dc);
        ref float d0 = ref MemoryMarshal.GetReference(dInput);
        ref float dcp = ref MemoryMarshal.GetReference(dcPrev);
        var one = Vector<float>.One;
        nuint n = (nuint)h, j = 0;
        for (; (int)j <= h - Vector<float>.Count; j += (nuint)Vector<float>.Count)
        {
            var i = Vector.LoadUnsafe(ref g0, j);
            var f = Vector.LoadUnsafe(ref g0, n + j);
            var g = Vector.LoadUnsafe(ref g0, 2 * n + j);
            var o = Vector.LoadUnsafe(ref g0, 3 * n + j);
            var tc = Vector.LoadUnsafe(ref a0, j);
            var dH = Vector.LoadUnsafe(ref dH0, j);
            var dC = Vector.LoadUnsafe(ref dC0, j) + dH * o * (one - tc * tc);
            (dC * g * i * (one - i)).StoreUnsafe(ref d0, j);
            (dC * Vector.LoadUnsafe(ref cp, j) * f * (one - f)).StoreUnsafe(ref d0, n + j);
            (dC * i * (one - g * g)).StoreUnsafe(ref d0, 2 * n + j);
            (dH * tc * o * (one - o)).StoreUnsafe(ref d0, 3 * n + j);
            (dC * f).StoreUnsafe(ref dcp, j);
        }

        for (int k = (int)j; k < h; k++)
        {
            float i = gates[k], f = gates[h + k], g = gates[2 * h + k], o = gates[3 * h + k], tc = aux[k], dH = dh[k];
            float dC = dc[k] + dH * o * (1 - tc * tc);
            dInput[k] = dC * g * i * (1 - i);
            dInput[h + k] = dC * cPrev[k] * f * (1 - f);
            dInput[2 * h + k] = dC * i * (1 - g * g);
            dInput[3 * h + k] = dH * tc * o * (1 - o);
            dcPrev[k] = dC * f;
        }
    }
}
