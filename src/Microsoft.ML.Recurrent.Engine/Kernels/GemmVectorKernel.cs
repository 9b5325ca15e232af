using System.Runtime.CompilerServices;

namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>SIMD operations a vector micro-kernel needs, implemented per instruction set.</summary>
/// <typeparam name="TVector">The vector type, for example <c>Vector512&lt;float&gt;</c>.</typeparam>
internal unsafe interface IGemmVector<TVector>
    where TVector : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Width { get; }

    /// <summary>Loads a vector from any address.</summary>
    static abstract TVector Load(float* source);

    /// <summary>Stores a vector at any address.</summary>
    static abstract void Store(TVector value, float* destination);

    /// <summary>Broadcasts one value to every lane.</summary>
    static abstract TVector Broadcast(float value);

    /// <summary>Returns <c>a·b + c</c> with one rounding.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    /// <summary>Returns <c>a + b</c>.</summary>
    static abstract TVector Add(TVector a, TVector b);
}

/// <summary>
/// Register-blocked micro-kernel shared by the SIMD levels: a tile of up to 8 rows × two vectors of C is held in
/// registers (two accumulators per row); each k step loads two vectors of the B panel and broadcasts one A value
/// per row. The row count is a type argument, so each tile height is compiled with exactly its live accumulators.
/// </summary>
internal static unsafe class GemmVectorKernel<TOps, TVector>
    where TOps : struct, IGemmVector<TVector>
    where TVector : struct
{
    /// <summary>Computes a tile; see <see cref="IGemmKernel.Tile"/>.</summary>
    public static void Tile(int rows, int kc, float* a, float* b, nint step, float* c, int ldc, bool add)
    {
        switch (rows)
        {
            case 1:
                Tile<GemmRows1>(kc, a, b, step, c, ldc, add);
                break;
            case 2:
                Tile<GemmRows2>(kc, a, b, step, c, ldc, add);
                break;
            case 3:
                Tile<GemmRows3>(kc, a, b, step, c, ldc, add);
                break;
            case 4:
                Tile<GemmRows4>(kc, a, b, step, c, ldc, add);
                break;
            case 5:
                Tile<GemmRows5>(kc, a, b, step, c, ldc, add);
                break;
            case 6:
                Tile<GemmRows6>(kc, a, b, step, c, ldc, add);
                break;
            case 7:
                Tile<GemmRows7>(kc, a, b, step, c, ldc, add);
                break;
            default:
                Tile<GemmRows8>(kc, a, b, step, c, ldc, add);
                break;
        }
    }

    /// <summary>Computes one row over several full panels; see <see cref="IGemmKernel.Row"/>.</summary>
    public static void Row(int panels, int kc, float* a, float* b, nint step, nint panelStride, float* c, bool add)
    {
        switch (panels)
        {
            case 1:
                Row<GemmRows1>(kc, a, b, step, panelStride, c, add);
                break;
            case 2:
                Row<GemmRows2>(kc, a, b, step, panelStride, c, add);
                break;
            case 3:
                Row<GemmRows3>(kc, a, b, step, panelStride, c, add);
                break;
            default:
                Row<GemmRows4>(kc, a, b, step, panelStride, c, add);
                break;
        }
    }

    /// <summary>One row times <typeparamref name="TPanels"/> panels: up to eight independent accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row<TPanels>(int kc, float* a, float* b, nint step, nint panelStride, float* c, bool add)
        where TPanels : struct, IGemmRows
    {
        int width = TOps.Width;
        TVector s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        for (int p = 0; p < kc; p++)
        {
            TVector t = TOps.Broadcast(a[p]);
            s0 = TOps.MultiplyAdd(t, TOps.Load(b), s0);
            s1 = TOps.MultiplyAdd(t, TOps.Load(b + width), s1);
            if (TPanels.Value > 1)
            {
                s2 = TOps.MultiplyAdd(t, TOps.Load(b + panelStride), s2);
                s3 = TOps.MultiplyAdd(t, TOps.Load(b + panelStride + width), s3);
            }

            if (TPanels.Value > 2)
            {
                s4 = TOps.MultiplyAdd(t, TOps.Load(b + (2 * panelStride)), s4);
                s5 = TOps.MultiplyAdd(t, TOps.Load(b + (2 * panelStride) + width), s5);
            }

            if (TPanels.Value > 3)
            {
                s6 = TOps.MultiplyAdd(t, TOps.Load(b + (3 * panelStride)), s6);
                s7 = TOps.MultiplyAdd(t, TOps.Load(b + (3 * panelStride) + width), s7);
            }

            b += step;
        }

        Store(c, s0, s1, add);
        if (TPanels.Value > 1)
        {
            Store(c + (2 * width), s2, s3, add);
        }

        if (TPanels.Value > 2)
        {
            Store(c + (4 * width), s4, s5, add);
        }

        if (TPanels.Value > 3)
        {
            Store(c + (6 * width), s6, s7, add);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TRows>(int kc, float* a, float* b, nint step, float* c, int ldc, bool add)
        where TRows : struct, IGemmRows
    {
        int width = TOps.Width;
        TVector c0a = default, c0b = default, c1a = default, c1b = default, c2a = default, c2b = default, c3a = default, c3b = default, c4a = default, c4b = default, c5a = default, c5b = default, c6a = default, c6b = default, c7a = default, c7b = default;
        for (int p = 0; p < kc; p++)
        {
            TVector b0 = TOps.Load(b);
            TVector b1 = TOps.Load(b + width);
            TVector t = TOps.Broadcast(a[0]);
            c0a = TOps.MultiplyAdd(t, b0, c0a);
            c0b = TOps.MultiplyAdd(t, b1, c0b);

            if (TRows.Value > 1)
            {
                t = TOps.Broadcast(a[1]);
                c1a = TOps.MultiplyAdd(t, b0, c1a);
                c1b = TOps.MultiplyAdd(t, b1, c1b);
            }

            if (TRows.Value > 2)
            {
                t = TOps.Broadcast(a[2]);
                c2a = TOps.MultiplyAdd(t, b0, c2a);
                c2b = TOps.MultiplyAdd(t, b1, c2b);
            }

            if (TRows.Value > 3)
            {
                t = TOps.Broadcast(a[3]);
                c3a = TOps.MultiplyAdd(t, b0, c3a);
                c3b = TOps.MultiplyAdd(t, b1, c3b);
            }

            if (TRows.Value > 4)
            {
                t = TOps.Broadcast(a[4]);
                c4a = TOps.MultiplyAdd(t, b0, c4a);
                c4b = TOps.MultiplyAdd(t, b1, c4b);
            }

            if (TRows.Value > 5)
            {
                t = TOps.Broadcast(a[5]);
                c5a = TOps.MultiplyAdd(t, b0, c5a);
                c5b = TOps.MultiplyAdd(t, b1, c5b);
            }

            if (TRows.Value > 6)
            {
                t = TOps.Broadcast(a[6]);
                c6a = TOps.MultiplyAdd(t, b0, c6a);
                c6b = TOps.MultiplyAdd(t, b1, c6b);
            }

            if (TRows.Value > 7)
            {
                t = TOps.Broadcast(a[7]);
                c7a = TOps.MultiplyAdd(t, b0, c7a);
                c7b = TOps.MultiplyAdd(t, b1, c7b);
            }

            a += TRows.Value;
            b += step;
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
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* c, TVector low, TVector high, bool add)
    {
        if (add)
        {
            low = TOps.Add(low, TOps.Load(c));
            high = TOps.Add(high, TOps.Load(c + TOps.Width));
        }

        TOps.Store(low, c);
        TOps.Store(high, c + TOps.Width);
    }
}
