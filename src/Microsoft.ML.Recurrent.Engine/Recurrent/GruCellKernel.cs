using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static Microsoft.ML.Recurrent.Engine.Kernels.Activations;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>
/// GRU pointwise math in PyTorch's formulation and gate order (r, z, n):
/// r = σ(x_r + h_r), z = σ(x_z + h_z), n = tanh(x_n + r·h_n), h' = (1 − z)·n + z·h,
/// where x_* = W_i* x + b_i* and h_* = W_h* h + b_h*. Caches h_n in aux.
/// </summary>
internal sealed class GruCellKernel : CellKernel
{
    public static readonly GruCellKernel Instance = new();

    public override int GateCount => 3;

    public override bool SeparateRecurrentProjection => true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void ForwardRow(
        Span<float> gates, ReadOnlySpan<float> recurrent, ReadOnlySpan<float> inputBias, ReadOnlySpan<float> recurrentBias, Span<float> aux,
        ReadOnlySpan<float> hPrev, ReadOnlySpan<float> cPrev, Span<float> hNew, Span<float> cNew)
    {
        int h = hNew.Length;
        if (gates.Length < 3 * h || recurrent.Length < 3 * h || inputBias.Length < 3 * h || recurrentBias.Length < 3 * h || aux.Length < h || hPrev.Length < h)
        {
            throw new ArgumentException("GRU row buffers are too short.");
        }

        ref float x0 = ref MemoryMarshal.GetReference(gates);
        ref float r0 = ref MemoryMarshal.GetReference(recurrent);
        ref float xb = ref MemoryMarshal.GetReference(inputBias);
        ref float rb = ref MemoryMarshal.GetReference(recurrentBias);
        ref float a0 = ref MemoryMarshal.GetReference(aux);
        ref float hp = ref MemoryMarshal.GetReference(hPrev);
        ref float hn = ref MemoryMarshal.GetReference(hNew);
        nuint n = (nuint)h, j = 0;
        for (; (int)j <= h - Vector<float>.Count; j += (nuint)Vector<float>.Count)
        {
            var recurrentN = Vector.LoadUnsafe(ref r0, 2 * n + j) + Vector.LoadUnsafe(ref rb, 2 * n + j);
            var r = Sigmoid(Vector.LoadUnsafe(ref x0, j) + Vector.LoadUnsafe(ref xb, j) + Vector.LoadUnsafe(ref r0, j) + Vector.LoadUnsafe(ref rb, j));
            var z = Sigmoid(Vector.LoadUnsafe(ref x0, n + j) + Vector.LoadUnsafe(ref xb, n + j) + Vector.LoadUnsafe(ref r0, n + j) + Vector.LoadUnsafe(ref rb, n + j));
            var candidate = Tanh(Vector.LoadUnsafe(ref x0, 2 * n + j) + Vector.LoadUnsafe(ref xb, 2 * n + j) + r * recurrentN);
            var previous = Vector.LoadUnsafe(ref hp, j);
            r.StoreUnsafe(ref x0, j);
            z.StoreUnsafe(ref x0, n + j);
            candidate.StoreUnsafe(ref x0, 2 * n + j);
            recurrentN.StoreUnsafe(ref a0, j);
            (candidate + z * (previous - candidate)).StoreUnsafe(ref hn, j);
        }

        for (int k = (int)j; k < h; k++)
        {
            float recurrentN = recurrent[2 * h + k] + recurrentBias[2 * h + k];
            float r = Sigmoid(gates[k] + inputBias[k] + recurrent[k] + recurrentBias[k]);
            float z = Sigmoid(gates[h + k] + inputBias[h + k] + recurrent[h + k] + recurrentBias[h + k]);
            float candidate = Tanh(gates[2 * h + k] + inputBias[2 * h + k] + r * recurrentN);
            (gates[k], gates[h + k], gates[2 * h + k]) = (r, z, candidate);
            aux[k] = recurrentN;
            hNew[k] = candidate + z * (hPrev[k] - candidate);
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
        if (gates.Length < 3 * h || dInput.Length < 3 * h || dRecurrent.Length < 3 * h || aux.Length < h || hPrev.Length < h || dh.Length < h || dhDirect.Length < h)
        {
            throw new ArgumentException("GRU row buffers are too short.");
        }

        ref float g0 = ref MemoryMarshal.GetReference(gates);
        ref float a0 = ref MemoryMarshal.GetReference(aux);
        ref float hp = ref MemoryMarshal.GetReference(hPrev);
        ref float dH0 = ref MemoryMarshal.GetReference(dh);
        ref float dx0 = ref MemoryMarshal.GetReference(dInput);
        ref float dr0 = ref MemoryMarshal.GetReference(dRecurrent);
        ref float dd0 = ref MemoryMarshal.GetReference(dhDirect);
        var one = Vector<float>.One;
        nuint n = (nuint)h, j = 0;
        for (; (int)j <= h - Vector<float>.Count; j += (nuint)Vector<float>.Count)
        {
            var r = Vector.LoadUnsafe(ref g0, j);
            var z = Vector.LoadUnsafe(ref g0, n + j);
            var candidate = Vector.LoadUnsafe(ref g0, 2 * n + j);
            var dH = Vector.LoadUnsafe(ref dH0, j);
            var dPreN = dH * (one - z) * (one - candidate * candidate);
            var dPreR = dPreN * Vector.LoadUnsafe(ref a0, j) * r * (one - r);
            var dPreZ = dH * (Vector.LoadUnsafe(ref hp, j) - candidate) * z * (one - z);
            dPreR.StoreUnsafe(ref dx0, j);
            dPreR.StoreUnsafe(ref dr0, j);
            dPreZ.StoreUnsafe(ref dx0, n + j);
            dPreZ.StoreUnsafe(ref dr0, n + j);
            dPreN.StoreUnsafe(ref dx0, 2 * n + j);
            (dPreN * r).StoreUnsafe(ref dr0, 2 * n + j);
            (dH * z).StoreUnsafe(ref dd0, j);
        }

        for (int k = (int)j; k < h; k++)
        {
            float r = gates[k], z = gates[h + k], candidate = gates[2 * h + k], dH = dh[k];
            float dPreN = dH * (1 - z) * (1 - candidate * candidate);
            float dPreR = dPreN * aux[k] * r * (1 - r);
            float dPreZ = dH * (hPrev[k] - candidate) * z * (1 - z);
            dInput[k] = dRecurrent[k] = dPreR;
            dInput[h + k] = dRecurrent[h + k] = dPreZ;
            dInput[2 * h + k] = dPreN;
            dRecurrent[2 * h + k] = dPreN * r;
            dhDirect[k] = dH * z;
        }
    }
}
