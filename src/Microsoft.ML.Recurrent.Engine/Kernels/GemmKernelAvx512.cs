using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>AVX-512F micro-kernel: 8×32 tiles held in 16 zmm accumulators.</summary>
internal readonly unsafe struct GemmKernelAvx512 : IGemmKernel, IGemmVector<Vector512<float>>
{
    /// <inheritdoc/>
    public static int MR => 8;

    /// <inheritdoc/>
    public static int NR => 32;

    /// <inheritdoc/>
    public static int KC => 256;

    /// <inheritdoc/>
    public static int NC => 512;

    /// <inheritdoc/>
    public static int Width => 16;

    /// <inheritdoc/>
    public static void Tile(int rows, int kc, float* a, float* b, nint step, float* c, int ldc, bool add)
        => GemmVectorKernel<GemmKernelAvx512, Vector512<float>>.Tile(rows, kc, a, b, step, c, ldc, add);

    /// <inheritdoc/>
    public static void Row(int panels, int kc, float* a, float* b, nint step, nint panelStride, float* c, bool add)
        => GemmVectorKernel<GemmKernelAvx512, Vector512<float>>.Row(panels, kc, a, b, step, panelStride, c, add);

    /// <inheritdoc/>
    public static Vector512<float> Load(float* source) => Vector512.Load(source);

    /// <inheritdoc/>
    public static void Store(Vector512<float> value, float* destination) => value.Store(destination);

    /// <inheritdoc/>
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    /// <inheritdoc/>
    public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Avx512F.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
}
