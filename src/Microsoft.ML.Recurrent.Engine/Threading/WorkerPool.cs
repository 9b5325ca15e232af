using System.Diagnostics;

namespace Microsoft.ML.Recurrent.Engine.Threading;

/// <summary>
/// A tiny persistent thread pool for splitting one kernel call over the machine's cores.
/// Part <c>p</c> of a job always runs on participant <c>p % threads</c>; the calling thread is participant 0.
/// Nested calls, and calls made while another thread owns the pool, run inline, so concurrent callers
/// (for example a pool of prediction engines) never deadlock. A part's arithmetic does not depend on the
/// thread that runs it, so results are deterministic.
/// </summary>
internal static class WorkerPool
{
    private static readonly object Gate = new();
    private static readonly List<Worker> Workers = new();

    [ThreadStatic]
    private static bool insideJob;

    /// <summary>Runs parts 0..<paramref name="parts"/>-1 of <paramref name="job"/> on up to <see cref="EngineThreads.Count"/> threads.</summary>
    public static void Run(ParallelJob job, int parts)
    {
        if (!TryRunConcurrently(job, parts, Math.Min(parts, EngineThreads.Count)))
        {
            RunInline(job, parts);
        }
    }

    /// <summary>
    /// Runs <paramref name="job"/> with exactly <paramref name="parts"/> threads at once, one part each, so parts may
    /// wait for each other (see <see cref="SpinBarrier"/>). Returns false, running nothing, when that many threads are not
    /// available (nested call, pool busy, or <see cref="EngineThreads.Count"/> too small).
    /// </summary>
    /// <param name="job">The job.</param>
    /// <param name="parts">Number of parts, each run on its own thread.</param>
    /// <param name="onlyIfAwake">
    /// Decline (returning false) when a needed worker is asleep, and wake it for the next call. For latency-critical
    /// work such as one streaming step: waking a sleeping thread costs far more than the step itself.
    /// </param>
    public static bool TryRunConcurrently(ParallelJob job, int parts, bool onlyIfAwake = false) =>
        parts <= EngineThreads.Count && TryRunConcurrently(job, parts, parts, onlyIfAwake);

    private static bool TryRunConcurrently(ParallelJob job, int parts, int threads, bool onlyIfAwake = false)
    {
        if (threads <= 1 || insideJob || !Monitor.TryEnter(Gate))
        {
            return false;
        }

        try
        {
            if (onlyIfAwake)
            {
                bool asleep = Workers.Count < threads - 1;
                for (int w = 0; w < Math.Min(Workers.Count, threads - 1); w++)
                {
                    asleep |= Workers[w].Nudge();
                }

                if (asleep)
                {
                    while (Workers.Count < threads - 1)
                    {
                        Workers.Add(new Worker());
                    }

                    return false;
                }
            }

            while (Workers.Count < threads - 1)
            {
                Workers.Add(new Worker());
            }

            for (int w = 1; w < threads; w++)
            {
                Workers[w - 1].Post(job, parts, w, threads);
            }

            RunShare(job, parts, 0, threads);
            for (int w = 1; w < threads; w++)
            {
                Workers[w - 1].WaitIdle();
            }

            return true;
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    private static void RunInline(ParallelJob job, int parts) => RunShare(job, parts, 0, 1);

    private static void RunShare(ParallelJob job, int parts, int participant, int threads)
    {
        bool wasInside = insideJob;
        insideJob = true;
        try
        {
            for (int part = participant; part < parts; part += threads)
            {
                job.Execute(part, parts);
            }
        }
        finally
        {
            insideJob = wasInside;
        }
    }

    /// <summary>How long an idle worker spins before it sleeps: 100 µs.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 10_000;

    /// <summary>Spins until <paramref name="value"/> equals <paramref name="expected"/> or the deadline passes; tight at first, then yielding.</summary>
    private static bool SpinUntil(ref int value, int expected, long deadline)
    {
        for (int spins = 0; Volatile.Read(ref value) != expected; spins++)
        {
            if (spins < 2048)
            {
                SpinPause.Once();
                continue;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            Thread.Yield();
        }

        return true;
    }

    private sealed class Worker
    {
        private const int Idle = 0;
        private const int Posted = 1;

        private readonly object signal = new();
        private ParallelJob? job;
        private int parts;
        private int participant;
        private int threads;
        private int state;
        private int asleep;
        private bool nudged;
        private Exception? failure;

        public Worker()
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = "Recurrent engine worker" };
            thread.Start();
        }

        public void Post(ParallelJob work, int partCount, int index, int threadCount)
        {
            job = work;
            parts = partCount;
            participant = index;
            threads = threadCount;
            // Full fences on both sides (here and where the worker announces sleep) rule out a lost wake-up:
            // either the worker sees the posted job before sleeping, or this thread sees it asleep and pulses.
            Interlocked.Exchange(ref state, Posted);
            if (Volatile.Read(ref asleep) != 0)
            {
                lock (signal)
                {
                    Monitor.Pulse(signal);
                }
            }
        }

        /// <summary>Returns whether the worker is asleep, and if so wakes it to spin for a while.</summary>
        public bool Nudge()
        {
            if (Volatile.Read(ref asleep) == 0)
            {
                return false;
            }

            lock (signal)
            {
                nudged = true;
                Monitor.Pulse(signal);
            }

            return true;
        }

        public void WaitIdle()
        {
            SpinUntil(ref state, Idle, long.MaxValue);

            if (failure is { } error)
            {
                failure = null;
                throw new AggregateException("A parallel engine kernel failed.", error);
            }
        }

        private void Loop()
        {
            while (true)
            {
                // Spin first: kernels are often dispatched back to back, and waking a sleeping thread costs tens of microseconds.
                if (!SpinUntil(ref state, Posted, Stopwatch.GetTimestamp() + SpinTicks))
                {
                    lock (signal)
                    {
                        Interlocked.Exchange(ref asleep, 1);
                        while (Volatile.Read(ref state) != Posted && !nudged)
                        {
                            Monitor.Wait(signal);
                        }

                        Volatile.Write(ref asleep, 0);
                        nudged = false;
                    }

                    if (Volatile.Read(ref state) != Posted)
                    {
                        continue; // woken early by Nudge: spin again, ready for the next job
                    }
                }

                try
                {
                    RunShare(job!, parts, participant, threads);
                }
                catch (Exception ex)
                {
                    failure = ex;
                }

                job = null;
                Volatile.Write(ref state, Idle);
            }
        }
    }
}
