using System.Diagnostics;

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

    /// <summary>
    /// Calls <paramref name="action"/> repeatedly after a warm-up of at least <paramref name="warmupSeconds"/> (long enough for
    /// the runtime's tiered JIT to finish optimising the hot paths) and returns the median seconds per call over several
    /// rounds, each lasting at least <paramref name="roundSeconds"/>.
    /// </summary>
    protected static double SecondsPerCall(Action action, double roundSeconds = 0.4, int rounds = 5, double warmupSeconds = 1.5)
    {
        var warmup = Stopwatch.StartNew();
        for (int calls = 0; calls < 3 || warmup.Elapsed.TotalSeconds < warmupSeconds; calls++)
        {
            action();
        }

        var samples = new double[rounds];
        for (int r = 0; r < rounds; r++)
        {
            long calls = 0;
            var watch = Stopwatch.StartNew();
            do
            {
                action();
                calls++;
            }
            while (watch.Elapsed.TotalSeconds < roundSeconds);
            samples[r] = watch.Elapsed.TotalSeconds / calls;
        }

        Array.Sort(samples);
        return samples[rounds / 2];
    }
}
