using Microsoft.ML.Recurrent.Engine.Kernels;

namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>Square single-precision GEMM, C = A·B, reported in GFLOP/s.</summary>
internal sealed class GemmBenchmark(int size) : BenchmarkCase
{
    public override string Name => $"gemm-{size}";

    public override string Kind => "gemm";

    public override IReadOnlyList<(string Field, double Value)> Run()
    {
        var random = new Random(1);
        var a = new float[size * size];
        var b = new float[size * size];
        var c = new float[size * size];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (float)random.NextDouble();
            b[i] = (float)random.NextDouble();
        }

        double seconds = SecondsPerCall(() => Gemm.Multiply(false, false, size, size, size, a, size, b, size, c, size, accumulate: false));
        return [("gflops", 2.0 * size * size * size / seconds / 1e9), ("us_per_call", seconds * 1e6)];
    }
}
