using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>
/// Copies operand blocks into the micro-kernel layouts. Transposes are absorbed here, so the kernels see one layout.
/// An A panel of <c>rows</c> rows stores each k step's <c>rows</c> values contiguously. A B block stores NR-column
/// panels one after another, each holding <c>kc</c> steps of NR values, zero-padded past the last column.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>Offset of element (row, col) of op(X) in its row-major storage.</summary>
    public static nint Offset(bool transpose, int ld, int row, int col)
        => transpose ? ((nint)col * ld) + row : ((nint)row * ld) + col;

    /// <summary>Packs a <paramref name="rows"/>×<paramref name="kc"/> block of op(A) starting at <paramref name="a"/>.</summary>
    public static void PackA(bool transposeA, float* a, int lda, int rows, int kc, float* panel)
    {
        if (transposeA)
        {
            CopyRows(a, lda, rows, kc, panel, rows);
        }
        else
        {
            Transpose(a, lda, rows, kc, panel, rows);
        }
    }

    /// <summary>
    /// Packs a <paramref name="kc"/>×<paramref name="cols"/> block of op(B) starting at <paramref name="b"/> into
    /// consecutive <paramref name="nr"/>-column panels.
    /// </summary>
    public static void PackB(bool transposeB, float* b, int ldb, int kc, int cols, int nr, float* block)
    {
        for (int j = 0; j < cols; j += nr, block += (nint)kc * nr)
        {
            int width = Math.Min(nr, cols - j);
            if (transposeB)
            {
                Transpose(b + ((nint)j * ldb), ldb, width, kc, block, nr);
            }
            else
            {
                CopyRows(b + j, ldb, width, kc, block, nr);
            }

            if (width < nr)
            {
                for (int p = 0; p < kc; p++)
                {
                    new Span<float>(block + ((nint)p * nr) + width, nr - width).Clear();
                }
            }
        }
    }

    /// <summary><c>dst[p·dstStride + j] = src[p·ld + j]</c> for j &lt; width, p &lt; count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyRows(float* src, int ld, int width, int count, float* dst, int dstStride)
    {
        for (int p = 0; p < count; p++, src += ld, dst += dstStride)
        {
            int j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; j <= width - 8; j += 8)
                {
                    Vector256.Load(src + j).Store(dst + j);
                }
            }

            for (; j < width; j++)
            {
                dst[j] = src[j];
            }
        }
    }

    /// <summary><c>dst[p·dstStride + j] = src[j·ld + p]</c> for j &lt; lines, p &lt; count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(float* src, int ld, int lines, int count, float* dst, int dstStride)
    {
        for (int p = 0; p < count; p++, src++, dst += dstStride)
        {
            float* s = src;
            for (int j = 0; j < lines; j++, s += ld)
            {
                dst[j] = *s;
            }
        }
    }
}
