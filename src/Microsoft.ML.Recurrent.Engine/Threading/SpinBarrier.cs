using System.Runtime.InteropServices;

namespace Microsoft.ML.Recurrent.Engine.Threading;

/// <summary>
/// A reusable barrier for the parts of one <see cref="WorkerPool.TryRunConcurrently(ParallelJob, int, bool)"/> job that
/// synchronise every timestep. Each participant publishes how many barriers it has reached in its own cache line and
/// spins until every other participant has reached as many: no atomics, one cache-line transfer per peer. The parts run
/// on dedicated cores and wait nanoseconds to microseconds, so spinning beats blocking.
/// </summary>
internal sealed class SpinBarrier
{
    private PaddedCounter[] arrivals = Array.Empty<PaddedCounter>();

    /// <summary>Prepares the barrier for <paramref name="count"/> participants (call before starting the job).</summary>
    public void Reset(int count)
    {
        if (arrivals.Length != count)
        {
            arrivals = new PaddedCounter[count];
        }

        for (int i = 0; i < count; i++)
        {
            arrivals[i].Value = 0;
        }
    }

    /// <summary>Waits until every participant has arrived; <paramref name="participant"/> is the caller's index.</summary>
    public void SignalAndWait(int participant)
    {
        long reached = arrivals[participant].Value + 1;
        Volatile.Write(ref arrivals[participant].Value, reached);
        for (int other = 0; other < arrivals.Length; other++)
        {
            if (other == participant)
            {
                continue;
            }

            int spins = 0;
            while (Volatile.Read(ref arrivals[other].Value) < reached)
            {
                if (++spins < 4096)
                {
                    SpinPause.Once();
                }
                else
                {
                    Thread.Yield();
                }
            }
        }
    }

    /// <summary>A counter alone on its 64-byte cache line (with padding on both sides against adjacent-line prefetch).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedCounter
    {
        [FieldOffset(64)]
        public long Value;
    }
}
