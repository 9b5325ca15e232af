namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>One named benchmark configuration. It prints one JSON object per run.</summary>
internal abstract class BenchmarkCase
{
    /// <summary>Name used by <c>--only</c> and printed in the JSON line.</summary>
    public abstract string Name { get; }

    /// <summary>Kind of measurement: train, infer, stream, gemm, fit, predict, generate.</summary>
    public abstract string Kind { get; }

    /// <summary>Runs the benchmark and returns the measured fields (for example <c>sequences_per_s</c>).</summary>
    public abstract IReadOnlyList<(string Field, double Value)> Run();

    /// <inheritdoc cref="Timing.SecondsPerCall"/>
    protected static double SecondsPerCall(Action action, double roundSeconds = 0.4, int rounds = 5, double warmupSeconds = 1.5) =>
        Timing.SecondsPerCall(action, roundSeconds, rounds, warmupSeconds);
}
