using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>
/// A weight matrix packed as a GEMM right operand and kept until the weights change (tracked by the tensor's
/// <see cref="Tensor.Version"/>), so the many calls of one training step, such as a decoder layer at every target step,
/// pack it once. Not thread safe: for training-mode passes, which run one at a time per module.
/// </summary>
internal sealed class PackedWeights
{
    private readonly PackedMatrix packed = new();
    private Tensor? source;
    private long version;
    private GemmKernelLevel level;

    /// <summary>Returns op(<paramref name="weight"/>) (k×n, row stride <paramref name="ldb"/> before transposing) packed, packing it only when it changed.</summary>
    public PackedMatrix Get(Tensor weight, bool transpose, int k, int n, int ldb)
    {
        if (!ReferenceEquals(source, weight) || version != weight.Version || level != Gemm.Level || packed.K != k || packed.N != n)
        {
            Gemm.PackRight(transpose, k, n, weight.Values, ldb, packed);
            source = weight;
            version = weight.Version;
            level = Gemm.Level;
        }

        return packed;
    }
}
