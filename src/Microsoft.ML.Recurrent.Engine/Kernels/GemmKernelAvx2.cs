using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>
/// AVX2+FMA micro-kernel: up to 6×16 tiles of C held in 12 ymm accumulators (two vectors per row),
/// one broadcast of A and two loads of B per k step; 15 of the 16 ymm registers are live.
/// </summary>
internal readonly unsafe struct GemmKernelAvx2 : IGemmKernel
{
    /// <inheritdoc/>
    public static int MR => 6;

    /// <inheritdoc/>
    public static int NR => 16;

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
            default:
                Tile<GemmRows6>(kc, a, b, c, ldc, add);
                break;
        }
    }

    private static void Tile<TRows>(int kc, float* a, float* b, float* c, int ldc, bool add)
        where TRows : struct, IGemmRows
    {
        Vector256<float> c0a = default, c0b = default, c1a = default, c1b = default, c2a = default, c2b = default, c3a = default, c3b = default, c4a = default, c4b = default, c5a = default, c5b = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.LoadAligned(b);
            Vector256<float> b1 = Vector256.LoadAligned(b + 8);
            Vector256<float> t = Vector256.Create(a[0]);
            c0a = Fma.MultiplyAdd(t, b0, c0a);
            c0b = Fma.MultiplyAdd(t, b1, c0b);
            if (TRows.Value > 1)
            {
                t = Vector256.Create(a[1]);
                c1a = Fma.MultiplyAdd(t, b0, c1a);
                c1b = Fma.MultiplyAdd(t, b1, c1b);
            }
            if (TRows.Value > 2)
            {
                t = Vector256.Create(a[2]);
                c2a = Fma.MultiplyAdd(t, b0, c2a);
                c2b = Fma.MultiplyAdd(t, b1, c2b);
            }
            if (TRows.Value > 3)
            {
                t = Vector256.Create(a[3]);
                c3a = Fma.MultiplyAdd(t, b0, c3a);
                c3b = Fma.MultiplyAdd(t, b1, c3b);
            }
            if (TRows.Value > 4)
            {
                t = Vector256.Create(a[4]);
                c4a = Fma.MultiplyAdd(t, b0, c4a);
                c4b = Fma.MultiplyAdd(t, b1, c4b);
            }
            if (TRows.Value > 5)
            {
                t = Vector256.Create(a[5]);
                c5a = Fma.MultiplyAdd(t, b0, c5a);
                c5b = Fma.MultiplyAdd(t, b1, c5b);
            }
            a += TRows.Value;
            b += 16;
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
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, Vector256<float> low, Vector256<float> high, bool add)
    {
        if (add)
        {
            low += Vector256.Load(c);
            high += Vector256.Load(c + 8);
        }

        low.Store(c);
        high.Store(c + 8);
    }
}
