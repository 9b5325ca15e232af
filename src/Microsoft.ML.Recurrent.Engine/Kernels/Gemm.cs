using System.Runtime.Intrinsics.X86;

namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>
/// Row-major single-precision matrix multiply: <c>C = op(A) · op(B)</c>, or <c>C += op(A) · op(B)</c> when
/// <c>accumulate</c> is set. <c>op(X)</c> is <c>X</c> or its transpose. op(A) is m×k, op(B) is k×n, C is m×n.
/// Leading dimensions are the row strides of the matrices as stored (before the transpose).
/// </summary>
/// <remarks>
/// Operands are packed into panels and multiplied by a register-blocked micro-kernel (AVX-512, AVX2+FMA or scalar),
/// with cache blocking (<see cref="GemmBlocking{TKernel}"/>) and, for large products, a split over threads
/// (<see cref="GemmParallel"/>). Results are bit-identical for any thread count on a given kernel level.
/// </remarks>
internal static class Gemm
{
    [ThreadStatic]
    private static GemmKernelLevel? forcedLevel;

    /// <summary>Best kernel level this processor supports.</summary>
    public static GemmKernelLevel HardwareLevel { get; } =
        Avx512F.IsSupported ? GemmKernelLevel.Avx512
        : Fma.IsSupported && Avx2.IsSupported ? GemmKernelLevel.Avx2
        : GemmKernelLevel.Scalar;

    /// <summary>
    /// Kernel level used by calls from the current thread: <see cref="HardwareLevel"/> unless lowered for tests
    /// through <see cref="ForcedLevel"/>.
    /// </summary>
    public static GemmKernelLevel Level => forcedLevel ?? HardwareLevel;

    /// <summary>Forces a lower kernel level on the current thread (tests); null restores the hardware level.</summary>
    public static GemmKernelLevel? ForcedLevel
    {
        get => forcedLevel;
        set
        {
            if (value > HardwareLevel)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "This processor does not support the kernel level.");
            }

            forcedLevel = value;
        }
    }

    /// <summary>Multiplies two matrices.</summary>
    public static unsafe void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        Span<float> c, int ldc, bool accumulate)
    {
        CheckShape(m, n, k);
        CheckOperand(nameof(a), a.Length, transposeA ? k : m, transposeA ? m : k, lda);
        CheckOperand(nameof(b), b.Length, transposeB ? n : k, transposeB ? k : n, ldb);
        CheckOperand(nameof(c), c.Length, m, n, ldc);
        if (m == 0 || n == 0 || (k == 0 && ClearIfEmpty(m, n, c, ldc, accumulate)))
        {
            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            var op = new GemmOperands
            {
                M = m, N = n, K = k,
                A = pa, Lda = lda, TransposeA = transposeA,
                B = pb, Ldb = ldb, TransposeB = transposeB,
                C = pc, Ldc = ldc, Accumulate = accumulate,
            };
            GemmParallel.Run(op, Level);
        }
    }

    /// <summary>Packs op(B) (k×n) for repeated use with <see cref="Multiply(bool, int, ReadOnlySpan{float}, int, PackedMatrix, Span{float}, int, bool, bool)"/>.</summary>
    /// <remarks>
    /// The layout is the one <see cref="GemmBlocking{TKernel}"/> packs per block, for the whole matrix: KC-deep slices
    /// one after another, each a row of NR-column panels (see <see cref="GemmPacking.PackB"/>), for the current thread's
    /// kernel level, which is recorded so later products use the matching kernel.
    /// </remarks>
    public static unsafe void PackRight(bool transposeB, int k, int n, ReadOnlySpan<float> b, int ldb, PackedMatrix packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        CheckShape(1, n, k);
        CheckOperand(nameof(b), b.Length, transposeB ? n : k, transposeB ? k : n, ldb);
        var level = Level;
        var (_, nr) = GemmParallel.TileShape(level);
        int kc = KC(level);
        int paddedN = (n + nr - 1) / nr * nr;
        packed.EnsureCapacity((long)k * paddedN);
        packed.K = k;
        packed.N = n;
        packed.Level = level;
        fixed (float* pb = b, data = packed.Data)
        {
            float* block = data + packed.Offset;
            for (int p = 0; p < k; p += kc)
            {
                int depth = Math.Min(kc, k - p);
                GemmPacking.PackB(transposeB, pb + GemmPacking.Offset(transposeB, ldb, p, 0), ldb, depth, n, nr, block);
                block += (nint)depth * paddedN;
            }
        }
    }

    /// <summary>
    /// Multiplies op(A) (m×k) by a pre-packed right operand; <paramref name="reverseColumns"/> visits the columns last
    /// to first (same results; see <see cref="GemmOperands.ReverseColumns"/>).
    /// </summary>
    public static unsafe void Multiply(
        bool transposeA, int m, ReadOnlySpan<float> a, int lda, PackedMatrix b, Span<float> c, int ldc, bool accumulate, bool reverseColumns = false)
    {
        ArgumentNullException.ThrowIfNull(b);
        int n = b.N, k = b.K;
        CheckShape(m, n, k);
        CheckOperand(nameof(a), a.Length, transposeA ? k : m, transposeA ? m : k, lda);
        CheckOperand(nameof(c), c.Length, m, n, ldc);
        if (m == 0 || n == 0 || (k == 0 && ClearIfEmpty(m, n, c, ldc, accumulate)))
        {
            return;
        }

        fixed (float* pa = a, pc = c, data = b.Data)
        {
            var op = new GemmOperands
            {
                M = m, N = n, K = k,
                A = pa, Lda = lda, TransposeA = transposeA,
                PackedB = data + b.Offset,
                C = pc, Ldc = ldc, Accumulate = accumulate, ReverseColumns = reverseColumns,
            };
            GemmParallel.Run(op, b.Level);
        }
    }

    private static int KC(GemmKernelLevel level) => level switch
    {
        GemmKernelLevel.Avx512 => GemmKernelAvx512.KC,
        GemmKernelLevel.Avx2 => GemmKernelAvx2.KC,
        _ => GemmKernelScalar.KC,
    };

    private static void CheckShape(int m, int n, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
    }

    /// <summary>Checks that a stored rows×cols matrix with row stride <paramref name="ld"/> fits in <paramref name="length"/> floats.</summary>
    private static void CheckOperand(string name, int length, int rows, int cols, int ld)
    {
        if (rows == 0 || cols == 0)
        {
            return;
        }

        if (ld < cols)
        {
            throw new ArgumentOutOfRangeException(name, ld, $"Leading dimension of '{name}' is smaller than its {cols} columns.");
        }

        if (((long)(rows - 1) * ld) + cols > length)
        {
            throw new ArgumentException($"'{name}' holds {length} floats; a {rows}×{cols} matrix with stride {ld} needs more.", name);
        }
    }

    /// <summary>Handles k = 0: the product is zero. Returns true (the call is complete).</summary>
    private static bool ClearIfEmpty(int m, int n, Span<float> c, int ldc, bool accumulate)
    {
        if (!accumulate)
        {
            for (int i = 0; i < m; i++)
            {
                c.Slice(i * ldc, n).Clear();
            }
        }

        return true;
    }
}
