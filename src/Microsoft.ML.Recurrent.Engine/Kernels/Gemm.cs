namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>
/// Row-major single-precision matrix multiply: <c>C = op(A) · op(B)</c>, or <c>C += op(A) · op(B)</c> when
/// <c>accumulate</c> is set. <c>op(X)</c> is <c>X</c> or its transpose. op(A) is m×k, op(B) is k×n, C is m×n.
/// Leading dimensions are the row strides of the matrices as stored (before the transpose).
/// </summary>
internal static class Gemm
{
    /// <summary>Multiplies two matrices.</summary>
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        Span<float> c, int ldc, bool accumulate)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                {
                    float av = transposeA ? a[p * lda + i] : a[i * lda + p];
                    float bv = transposeB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += av * bv;
                }

                c[i * ldc + j] = accumulate ? c[i * ldc + j] + sum : sum;
            }
        }
    }

    /// <summary>Packs op(B) (k×n) for repeated use with <see cref="Multiply(bool, int, ReadOnlySpan{float}, int, PackedMatrix, Span{float}, int, bool)"/>.</summary>
    public static void PackRight(bool transposeB, int k, int n, ReadOnlySpan<float> b, int ldb, PackedMatrix packed)
    {
        if (packed.Data.Length < k * n)
        {
            packed.Data = new float[k * n];
        }

        packed.K = k;
        packed.N = n;
        for (int p = 0; p < k; p++)
        {
            for (int j = 0; j < n; j++)
            {
                packed.Data[p * n + j] = transposeB ? b[j * ldb + p] : b[p * ldb + j];
            }
        }
    }

    /// <summary>Multiplies op(A) (m×k) by a pre-packed right operand.</summary>
    public static void Multiply(bool transposeA, int m, ReadOnlySpan<float> a, int lda, PackedMatrix b, Span<float> c, int ldc, bool accumulate)
        => Multiply(transposeA, false, m, b.N, b.K, a, lda, b.Data, b.N, c, ldc, accumulate);
}
