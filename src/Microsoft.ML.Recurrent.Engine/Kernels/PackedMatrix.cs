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

    /// <summary>Packed panel storage (pinned); layout is private to <see cref="Gemm"/>.</summary>
    internal float[] Data { get; set; } = Array.Empty<float>();

    /// <summary>Index of the first (64-byte aligned) packed element in <see cref="Data"/>.</summary>
    internal int Offset { get; private set; }

    /// <summary>Kernel level whose panel layout the data uses.</summary>
    internal GemmKernelLevel Level { get; set; }

    /// <summary>Makes room for <paramref name="length"/> packed floats, reallocating only to grow.</summary>
    internal void EnsureCapacity(long length)
    {
        if (length > Array.MaxLength - 16)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The packed matrix is too large.");
        }

        if (Data.Length - Offset < length)
        {
            Data = GemmWorkspace.AllocatePinned((int)length, out int offset);
            Offset = offset;
        }
    }
}
