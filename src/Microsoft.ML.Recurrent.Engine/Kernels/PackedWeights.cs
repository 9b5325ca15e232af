using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>
/// A weight matrix packed as a GEMM right operand and kept until the weights change (tracked by the tensor's
/// <see cref="Tensor.Version"/>), so the many calls between two weight updates, such as a decoder layer at every
/// target step, pack it once. An exclusive cache (for training-mode passes, which run one at a time per module)
/// repacks into the same buffer; a shared one (for evaluation, which may run on several threads at once) packs a
/// changed matrix into a new buffer and publishes it whole, so a reader never sees a half-packed matrix.
/// </summary>
internal sealed class PackedWeights
{
    private readonly bool shared;
    private Snapshot? current;

    /// <param name="shared">Whether several threads may call <see cref="Get"/> at once.</param>
    public PackedWeights(bool shared = false) => this.shared = shared;

    /// <summary>Returns op(<paramref name="weight"/>) (k×n, row stride <paramref name="ldb"/> before transposing) packed, packing it only when it changed.</summary>
    public PackedMatrix Get(Tensor weight, bool transpose, int k, int n, int ldb)
    {
        var snapshot = Volatile.Read(ref current);
        long version = weight.Version;
        var level = Gemm.Level;
        if (snapshot is null || !ReferenceEquals(snapshot.Source, weight) || snapshot.Version != version || snapshot.Level != level
            || snapshot.Packed.K != k || snapshot.Packed.N != n)
        {
            var packed = shared || snapshot is null ? new PackedMatrix() : snapshot.Packed;
            Gemm.PackRight(transpose, k, n, weight.Values, ldb, packed);
            snapshot = new Snapshot(weight, version, level, packed);
            Volatile.Write(ref current, snapshot);
        }

        return snapshot.Packed;
    }

    private sealed record Snapshot(Tensor Source, long Version, GemmKernelLevel Level, PackedMatrix Packed);
}
