using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
        nint panelSize = (nint)kc * nr;
        int fullCols = cols / nr * nr, width = cols - fullCols;
        float* edge = block + (fullCols / nr * panelSize);
        if (transposeB)
        {
            for (int j = 0; j < cols; j += nr)
            {
                Transpose(b + ((nint)j * ldb), ldb, Math.Min(nr, cols - j), kc, block + (j / nr * panelSize), nr);
            }
        }
        else
        {
            // Eight rows at a time: they stay in L1 while each panel receives its 8×NR piece contiguously.
            for (int p = 0; p < kc; p += 8, b += 8 * (nint)ldb)
            {
                int count = Math.Min(8, kc - p);
                for (int j = 0; j < fullCols; j += nr)
                {
                    CopyRows(b + j, ldb, nr, count, block + (j / nr * panelSize) + ((nint)p * nr), nr);
                }

                CopyRows(b + fullCols, ldb, width, count, edge + ((nint)p * nr), nr);
            }
        }

        if (width > 0)
        {
            for (int p = 0; p < kc; p++)
            {
                new Span<float>(edge + ((nint)p * nr) + width, nr - width).Clear();
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

    /// <summary>
    /// <c>dst[p·dstStride + j] = src[j·ld + p]</c> for j &lt; lines, p &lt; count: 8×8 AVX and 4×4 SSE block
    /// transposes where the hardware has them, scalar copies for the rest.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(float* src, int ld, int lines, int count, float* dst, int dstStride)
    {
        int j = 0;
        if (Avx.IsSupported)
        {
            for (; j <= lines - 8; j += 8)
            {
                int p = 0;
                for (; p <= count - 8; p += 8)
                {
                    Transpose8x8(src + ((nint)j * ld) + p, ld, dst + ((nint)p * dstStride) + j, dstStride);
                }

                TransposeScalar(src + ((nint)j * ld) + p, ld, 8, count - p, dst + ((nint)p * dstStride) + j, dstStride);
            }
        }

        if (Sse.IsSupported)
        {
            for (; j <= lines - 4; j += 4)
            {
                int p = 0;
                for (; p <= count - 4; p += 4)
                {
                    Transpose4x4(src + ((nint)j * ld) + p, ld, dst + ((nint)p * dstStride) + j, dstStride);
                }

                TransposeScalar(src + ((nint)j * ld) + p, ld, 4, count - p, dst + ((nint)p * dstStride) + j, dstStride);
            }
        }

        TransposeScalar(src + ((nint)j * ld), ld, lines - j, count, dst + j, dstStride);
    }

    private static void TransposeScalar(float* src, int ld, int lines, int count, float* dst, int dstStride)
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, int ld, float* dst, int dstStride)
    {
        // Interleave pairs of lines, then pairs of pairs within each 128-bit lane, then swap lanes.
        Vector256<float> t0 = Avx.UnpackLow(Vector256.Load(src), Vector256.Load(src + ld));
        Vector256<float> t1 = Avx.UnpackHigh(Vector256.Load(src), Vector256.Load(src + ld));
        src += 2 * (nint)ld;
        Vector256<float> t2 = Avx.UnpackLow(Vector256.Load(src), Vector256.Load(src + ld));
        Vector256<float> t3 = Avx.UnpackHigh(Vector256.Load(src), Vector256.Load(src + ld));
        src += 2 * (nint)ld;
        Vector256<float> t4 = Avx.UnpackLow(Vector256.Load(src), Vector256.Load(src + ld));
        Vector256<float> t5 = Avx.UnpackHigh(Vector256.Load(src), Vector256.Load(src + ld));
        src += 2 * (nint)ld;
        Vector256<float> t6 = Avx.UnpackLow(Vector256.Load(src), Vector256.Load(src + ld));
        Vector256<float> t7 = Avx.UnpackHigh(Vector256.Load(src), Vector256.Load(src + ld));
        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44);
        Vector256<float> s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44);
        Vector256<float> s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44);
        Vector256<float> s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44);
        Vector256<float> s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(s0, s4, 0x20).Store(dst);
        Avx.Permute2x128(s1, s5, 0x20).Store(dst + dstStride);
        Avx.Permute2x128(s2, s6, 0x20).Store(dst + (2 * (nint)dstStride));
        Avx.Permute2x128(s3, s7, 0x20).Store(dst + (3 * (nint)dstStride));
        Avx.Permute2x128(s0, s4, 0x31).Store(dst + (4 * (nint)dstStride));
        Avx.Permute2x128(s1, s5, 0x31).Store(dst + (5 * (nint)dstStride));
        Avx.Permute2x128(s2, s6, 0x31).Store(dst + (6 * (nint)dstStride));
        Avx.Permute2x128(s3, s7, 0x31).Store(dst + (7 * (nint)dstStride));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(float* src, int ld, float* dst, int dstStride)
    {
        Vector128<float> r0 = Vector128.Load(src);
        Vector128<float> r1 = Vector128.Load(src + ld);
        Vector128<float> r2 = Vector128.Load(src + (2 * (nint)ld));
        Vector128<float> r3 = Vector128.Load(src + (3 * (nint)ld));
        Vector128<float> t0 = Sse.UnpackLow(r0, r1);
        Vector128<float> t1 = Sse.UnpackLow(r2, r3);
        Vector128<float> t2 = Sse.UnpackHigh(r0, r1);
        Vector128<float> t3 = Sse.UnpackHigh(r2, r3);
        Sse.MoveLowToHigh(t0, t1).Store(dst);
        Sse.MoveHighToLow(t1, t0).Store(dst + dstStride);
        Sse.MoveLowToHigh(t2, t3).Store(dst + (2 * (nint)dstStride));
        Sse.MoveHighToLow(t3, t2).Store(dst + (3 * (nint)dstStride));
    }
}
