using System.Diagnostics;

namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>
/// The timing loop of the harness, shared (as a linked source file) with the .NET peers in benchmarks/peers so that
/// every .NET side is timed the same way.
/// </summary>
internal static class Timing
{
    /// <summary>
    /// Calls <paramref name="action"/> repeatedly after a warm-up of at least <paramref name="warmupSeconds"/> (long enough for
    /// the runtime's tiered JIT to finish optimising the hot paths) and returns the median seconds per call over several
    /// rounds, each lasting at least <paramref name="roundSeconds"/>.
    /// </summary>
    public static double SecondsPerCall(Action action, double roundSeconds = 0.4, int rounds = 5, double warmupSeconds = 1.5)
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
