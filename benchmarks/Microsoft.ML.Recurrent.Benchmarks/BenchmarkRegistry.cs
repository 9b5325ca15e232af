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
    }
}
