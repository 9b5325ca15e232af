using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>AVX2+FMA micro-kernel: 6×16 tiles; 12 of the 16 ymm registers hold accumulators.</summary>
internal readonly unsafe struct GemmKernelAvx2 : IGemmKernel, IGemmVector<Vector256<float>>
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
    public static int Width => 8;

    /// <inheritdoc/>
    public static void Tile(int rows, int kc, float* a, float* b, nint step, float* c, int ldc, bool add)
        => GemmVectorKernel<GemmKernelAvx2, Vector256<float>>.Tile(rows, kc, a, b, step, c, ldc, add);

    /// <inheritdoc/>
    public static void Row(int panels, int kc, float* a, float* b, nint step, nint panelStride, float* c, bool add)
        => GemmVectorKernel<GemmKernelAvx2, Vector256<float>>.Row(panels, kc, a, b, step, panelStride, c, add);

    /// <inheritdoc/>
    public static Vector256<float> Load(float* source) => Vector256.Load(source);

    /// <inheritdoc/>
    public static void Store(Vector256<float> value, float* destination) => value.Store(destination);

    /// <inheritdoc/>
    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    /// <inheritdoc/>
    public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Fma.MultiplyAdd(a, b, c);

    /// <inheritdoc/>
    public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
}
