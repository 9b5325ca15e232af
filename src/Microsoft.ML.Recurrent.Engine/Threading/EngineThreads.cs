namespace Microsoft.ML.Recurrent.Engine.Threading;

/// <summary>
/// Process-wide setting for how many cores the engine's kernels may use.
/// Results are reproducible for a given seed and thread count.
/// </summary>
public static class EngineThreads
{
    private static int count = Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// Maximum number of threads used by one engine call (GEMM, recurrent batch splitting).
    /// Defaults to <see cref="Environment.ProcessorCount"/>.
    /// </summary>
    public static int Count
    {
        get => count;
        set
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Thread count must be at least 1.");
            }

            count = value;
        }
    }
}
