namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>
/// A right-hand GEMM operand packed once into the kernel's panel layout and reused across many
/// products (for example a recurrent weight matrix across all timesteps of a batch).
/// The buffer grows on demand and is reused, so repacking the same shape allocates nothing.
/// </summary>
internal sealed class PackedMatrix
{
    /// <summary>Inner (reduction) dimension of the product.</summary>
    public int K { get; internal set; }

    /// <summary>Number of output columns.</summary>
    public int N { get; internal set; }

    /// <summary>Packed panel storage; layout is private to <see cref="Gemm"/>.</summary>
    internal float[] Data { get; set; } = Array.Empty<float>();
}
