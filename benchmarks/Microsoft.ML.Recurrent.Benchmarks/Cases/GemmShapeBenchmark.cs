using Microsoft.ML.Recurrent.Engine.Kernels;

namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>
/// One recurrent timestep's product, C = A·W with W (k×n) pre-packed once, as a recurrent layer multiplies its
/// hidden state (m = batch, k = hidden) by W_hh^T (n = gates·hidden). Reported in GFLOP/s and µs per call.
/// </summary>
internal sealed class GemmShapeBenchmark(int m, int k, int n) : BenchmarkCase
{
    public override string Name => $"gemm-packed-{m}x{k}x{n}";

    public override string Kind => "gemm";

    public override IReadOnlyList<(string Field, double Value)> Run()
    {
        var random = new Random(1);
        var a = new float[m * k];
        var w = new float[k * n];
        var c = new float[m * n];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (float)random.NextDouble();
        }

        for (int i = 0; i < w.Length; i++)
        {
            w[i] = (float)random.NextDouble();
        }

        var packed = new PackedMatrix();
        Gemm.PackRight(false, k, n, w, n, packed);
        double seconds = SecondsPerCall(() => Gemm.Multiply(false, m, a, k, packed, c, n, accumulate: false));
        return [("gflops", 2.0 * m * n * k / seconds / 1e9), ("us_per_call", seconds * 1e6)];
    }
}
