using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>
/// AVX-512 micro-kernel: up to 14×32 tiles of C held in 28 zmm accumulators (two vectors per row),
/// one broadcast of A and two loads of B per k step.
/// </summary>
internal readonly unsafe struct GemmKernelAvx512 : IGemmKernel
{
    /// <inheritdoc/>
    public static int MR => 14;

    /// <inheritdoc/>
    public static int NR => 32;

    /// <inheritdoc/>
    public static int KC => 256;

    /// <inheritdoc/>
    public static int NC => 512;

    /// <inheritdoc/>
    public static void Tile(int rows, int kc, float* a, float* b, float* c, int ldc, bool add)
    {
        switch (rows)
        {
            case 1:
                Tile<GemmRows1>(kc, a, b, c, ldc, add);
                break;
            case 2:
                Tile<GemmRows2>(kc, a, b, c, ldc, add);
                break;
            case 3:
                Tile<GemmRows3>(kc, a, b, c, ldc, add);
                break;
            case 4:
                Tile<GemmRows4>(kc, a, b, c, ldc, add);
                break;
            case 5:
                Tile<GemmRows5>(kc, a, b, c, ldc, add);
                break;
            case 6:
                Tile<GemmRows6>(kc, a, b, c, ldc, add);
                break;
            case 7:
                Tile<GemmRows7>(kc, a, b, c, ldc, add);
                break;
            case 8:
                Tile<GemmRows8>(kc, a, b, c, ldc, add);
                break;
            case 9:
                Tile<GemmRows9>(kc, a, b, c, ldc, add);
                break;
            case 10:
                Tile<GemmRows10>(kc, a, b, c, ldc, add);
                break;
            case 11:
                Tile<GemmRows11>(kc, a, b, c, ldc, add);
                break;
            case 12:
                Tile<GemmRows12>(kc, a, b, c, ldc, add);
                break;
            case 13:
                Tile<GemmRows13>(kc, a, b, c, ldc, add);
                break;
            default:
                Tile<GemmRows14>(kc, a, b, c, ldc, add);
                break;
        }
    }

    private static void Tile<TRows>(int kc, float* a, float* b, float* c, int ldc, bool add)
        where TRows : struct, IGemmRows
    {
        Vector512<float> c0a = default, c0b = default, c1a = default, c1b = default, c2a = default, c2b = default, c3a = default, c3b = default, c4a = default, c4b = default, c5a = default, c5b = default, c6a = default, c6b = default, c7a = default, c7b = default, c8a = default, c8b = default, c9a = default, c9b = default, c10a = default, c10b = default, c11a = default, c11b = default, c12a = default, c12b = default, c13a = default, c13b = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.LoadAligned(b);
            Vector512<float> b1 = Vector512.LoadAligned(b + 16);
            Vector512<float> t = Vector512.Create(a[0]);
            c0a = Avx512F.FusedMultiplyAdd(t, b0, c0a);
            c0b = Avx512F.FusedMultiplyAdd(t, b1, c0b);
            if (TRows.Value > 1)
            {
                t = Vector512.Create(a[1]);
                c1a = Avx512F.FusedMultiplyAdd(t, b0, c1a);
                c1b = Avx512F.FusedMultiplyAdd(t, b1, c1b);
            }
            if (TRows.Value > 2)
            {
                t = Vector512.Create(a[2]);
                c2a = Avx512F.FusedMultiplyAdd(t, b0, c2a);
                c2b = Avx512F.FusedMultiplyAdd(t, b1, c2b);
            }
            if (TRows.Value > 3)
            {
                t = Vector512.Create(a[3]);
                c3a = Avx512F.FusedMultiplyAdd(t, b0, c3a);
                c3b = Avx512F.FusedMultiplyAdd(t, b1, c3b);
            }
            if (TRows.Value > 4)
            {
                t = Vector512.Create(a[4]);
                c4a = Avx512F.FusedMultiplyAdd(t, b0, c4a);
                c4b = Avx512F.FusedMultiplyAdd(t, b1, c4b);
            }
            if (TRows.Value > 5)
            {
                t = Vector512.Create(a[5]);
                c5a = Avx512F.FusedMultiplyAdd(t, b0, c5a);
                c5b = Avx512F.FusedMultiplyAdd(t, b1, c5b);
            }
            if (TRows.Value > 6)
            {
                t = Vector512.Create(a[6]);
                c6a = Avx512F.FusedMultiplyAdd(t, b0, c6a);
                c6b = Avx512F.FusedMultiplyAdd(t, b1, c6b);
            }
            if (TRows.Value > 7)
            {
                t = Vector512.Create(a[7]);
                c7a = Avx512F.FusedMultiplyAdd(t, b0, c7a);
                c7b = Avx512F.FusedMultiplyAdd(t, b1, c7b);
            }
            if (TRows.Value > 8)
            {
                t = Vector512.Create(a[8]);
                c8a = Avx512F.FusedMultiplyAdd(t, b0, c8a);
                c8b = Avx512F.FusedMultiplyAdd(t, b1, c8b);
            }
            if (TRows.Value > 9)
            {
                t = Vector512.Create(a[9]);
                c9a = Avx512F.FusedMultiplyAdd(t, b0, c9a);
                c9b = Avx512F.FusedMultiplyAdd(t, b1, c9b);
            }
            if (TRows.Value > 10)
            {
                t = Vector512.Create(a[10]);
                c10a = Avx512F.FusedMultiplyAdd(t, b0, c10a);
                c10b = Avx512F.FusedMultiplyAdd(t, b1, c10b);
            }
            if (TRows.Value > 11)
            {
                t = Vector512.Create(a[11]);
                c11a = Avx512F.FusedMultiplyAdd(t, b0, c11a);
                c11b = Avx512F.FusedMultiplyAdd(t, b1, c11b);
            }
            if (TRows.Value > 12)
            {
                t = Vector512.Create(a[12]);
                c12a = Avx512F.FusedMultiplyAdd(t, b0, c12a);
                c12b = Avx512F.FusedMultiplyAdd(t, b1, c12b);
            }
            if (TRows.Value > 13)
            {
                t = Vector512.Create(a[13]);
                c13a = Avx512F.FusedMultiplyAdd(t, b0, c13a);
                c13b = Avx512F.FusedMultiplyAdd(t, b1, c13b);
            }
            a += TRows.Value;
            b += 32;
        }

        Store(c, c0a, c0b, add);
        if (TRows.Value > 1)
        {
            Store(c += ldc, c1a, c1b, add);
        }
        if (TRows.Value > 2)
        {
            Store(c += ldc, c2a, c2b, add);
        }
        if (TRows.Value > 3)
        {
            Store(c += ldc, c3a, c3b, add);
        }
        if (TRows.Value > 4)
        {
            Store(c += ldc, c4a, c4b, add);
        }
        if (TRows.Value > 5)
        {
            Store(c += ldc, c5a, c5b, add);
        }
        if (TRows.Value > 6)
        {
            Store(c += ldc, c6a, c6b, add);
        }
        if (TRows.Value > 7)
        {
            Store(c += ldc, c7a, c7b, add);
        }
        if (TRows.Value > 8)
        {
            Store(c += ldc, c8a, c8b, add);
        }
        if (TRows.Value > 9)
        {
            Store(c += ldc, c9a, c9b, add);
        }
        if (TRows.Value > 10)
        {
            Store(c += ldc, c10a, c10b, add);
        }
        if (TRows.Value > 11)
        {
            Store(c += ldc, c11a, c11b, add);
        }
        if (TRows.Value > 12)
        {
            Store(c += ldc, c12a, c12b, add);
        }
        if (TRows.Value > 13)
        {
            Store(c += ldc, c13a, c13b, add);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector512<float> low, Vector512<float> high, bool add)
    {
        if (add)
        {
            low += Vector512.Load(c);
            high += Vector512.Load(c + 16);
        }

        low.Store(c);
        high.Store(c + 16);
    }
}
