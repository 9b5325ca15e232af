namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>All benchmark configurations, in the order they run.</summary>
internal static class BenchmarkRegistry
{
    public static IEnumerable<BenchmarkCase> All()
    {
        foreach (int n in new[] { 256, 512, 1024 })
        {
            yield return new GemmBenchmark(n);
        }

        foreach (var (m, k, n) in new[] { (64, 128, 512), (32, 512, 2048), (128, 128, 384), (1, 64, 256) })
        {
            yield return new GemmShapeBenchmark(m, k, n);
        }
    }
}
