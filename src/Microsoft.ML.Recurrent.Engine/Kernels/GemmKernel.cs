namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>Instruction-set level of a GEMM micro-kernel.</summary>
internal enum GemmKernelLevel
{
    /// <summary>Portable scalar code.</summary>
    Scalar,

    /// <summary>AVX2 with FMA, 256-bit vectors.</summary>
    Avx2,

    /// <summary>AVX-512F, 512-bit vectors.</summary>
    Avx512,
}

/// <summary>
/// A register-blocked GEMM micro-kernel and its cache-blocking parameters. Implemented by structs so the
/// blocked driver is specialised (and the kernel inlined) per instruction set.
/// </summary>
internal unsafe interface IGemmKernel
{
    /// <summary>Maximum rows of C computed by one micro-tile (rows of a packed A panel).</summary>
    static abstract int MR { get; }

    /// <summary>Columns of C computed by one micro-tile (columns of a packed B panel).</summary>
    static abstract int NR { get; }

    /// <summary>Depth of one packed block (the k extent kept in registers between C updates).</summary>
    static abstract int KC { get; }

    /// <summary>Columns of B packed per block (sized so a KC×NC block stays in L2).</summary>
    static abstract int NC { get; }

    /// <summary>
    /// Computes a <paramref name="rows"/>×NR tile: <c>C = A·B</c>, or <c>C += A·B</c> when <paramref name="add"/> is set.
    /// <paramref name="a"/> is a packed A panel (<paramref name="kc"/> steps of <paramref name="rows"/> values),
    /// <paramref name="b"/> a B panel: NR values per k step, <paramref name="step"/> floats apart (NR when packed,
    /// ldb when read in place from a row-major B). Accumulation always starts from zero and C is added last, so
    /// every element is computed the same way whatever the tile shape.
    /// </summary>
    static abstract void Tile(int rows, int kc, float* a, float* b, nint step, float* c, int ldc, bool add);


    /// <summary>
    /// Computes one row of C against <paramref name="panels"/> (1 to 4) consecutive NR-column panels, with the same
    /// per-element arithmetic as <see cref="Tile"/> but more independent accumulators (a one-row tile alone is bound
    /// by FMA latency). k step p of panel j is read at <c>b + j·panelStride + p·step</c>, so the panels may be
    /// packed (<c>step = NR</c>, <c>panelStride = kc·NR</c>) or columns of a row-major B (<c>step = ldb</c>,
    /// <c>panelStride = NR</c>).
    /// </summary>
    static abstract void Row(int panels, int kc, float* a, float* b, nint step, nint panelStride, float* c, bool add);
}

/// <summary>A compile-time row count; the JIT specialises micro-kernels per implementing struct.</summary>
internal interface IGemmRows
{
    /// <summary>The row count.</summary>
    static abstract int Value { get; }
}

/// <summary>One row.</summary>
internal readonly struct GemmRows1 : IGemmRows { public static int Value => 1; }

/// <summary>Two rows.</summary>
internal readonly struct GemmRows2 : IGemmRows { public static int Value => 2; }

/// <summary>Three rows.</summary>
internal readonly struct GemmRows3 : IGemmRows { public static int Value => 3; }

/// <summary>Four rows.</summary>
internal readonly struct GemmRows4 : IGemmRows { public static int Value => 4; }

/// <summary>Five rows.</summary>
internal readonly struct GemmRows5 : IGemmRows { public static int Value => 5; }

/// <summary>Six rows.</summary>
internal readonly struct GemmRows6 : IGemmRows { public static int Value => 6; }

/// <summary>Seven rows.</summary>
internal readonly struct GemmRows7 : IGemmRows { public static int Value => 7; }

/// <summary>Eight rows.</summary>
internal readonly struct GemmRows8 : IGemmRows { public static int Value => 8; }
