using System.Diagnostics;

namespace Microsoft.ML.Recurrent.Engine.Threading;

/// <summary>
/// A tiny persistent thread pool for splitting one kernel call over the machine's cores. The calling thread always
/// works too. Nested calls, and calls made while another thread owns the pool, run inline, so concurrent callers
/// (for example a pool of prediction engines) never deadlock. A part's arithmetic does not depend on the thread that
/// runs it, so results are deterministic.
/// </summary>
/// <remarks>
/// <see cref="Run"/> lets the threads claim parts one at a time, and withdraws the job from workers that have not
/// started when the caller runs out of parts: a worker that is asleep, or descheduled on a busy machine, never delays
/// the caller by more than the part it already holds, so a call is never much slower than running inline.
/// <see cref="TryRunConcurrently(ParallelJob, int, bool)"/> instead gives each part its own thread, for parts that wait
/// for each other.
/// </remarks>
internal static class WorkerPool
{
    private static readonly object Gate = new();
    private static readonly List<Worker> Workers = new();

    /// <summary>The next unclaimed part of the current <see cref="Run"/> job (guarded by <see cref="Gate"/> for writes by the caller).</summary>
    private static int nextPart;

    [ThreadStatic]
    private static bool insideJob;

    /// <summary>
    /// Runs parts 0..<paramref name="parts"/>-1 of <paramref name="job"/> on up to <see cref="EngineThreads.Count"/>
    /// threads, and at most <paramref name="maxThreads"/> (1 runs every part inline).
    /// </summary>
    public static void Run(ParallelJob job, int parts, int maxThreads = int.MaxValue)
    {
        int threads = Math.Min(Math.Min(parts, maxThreads), EngineThreads.Count);
        if (threads <= 1 || insideJob || !Monitor.TryEnter(Gate))
        {
            RunInline(job, parts);
            return;
        }

        try
        {
            EnsureWorkers(threads - 1);
            Volatile.Write(ref nextPart, 0);
            for (int w = 1; w < threads; w++)
            {
                Workers[w - 1].Post(job, parts, index: -1, threads);
            }

            try
            {
                RunClaimed(job, parts);
            }
            finally
            {
                AwaitWorkers(threads - 1, withdraw: true);
            }
        }
        finally
        {
            Monitor.Exit(Gate);
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
    public static bool TryRunConcurrently(ParallelJob job, int parts, bool onlyIfAwake = false)
    {
        if (parts <= 1 || parts > EngineThreads.Count || insideJob || !Monitor.TryEnter(Gate))
        {
            return false;
        }

        try
        {
            if (onlyIfAwake)
            {
                bool asleep = Workers.Count < parts - 1;
                for (int w = 0; w < Math.Min(Workers.Count, parts - 1); w++)
                {
                    asleep |= Workers[w].Nudge();
                }

                if (asleep)
                {
                    EnsureWorkers(parts - 1);
                    return false;
                }
            }

            EnsureWorkers(parts - 1);
            for (int w = 1; w < parts; w++)
            {
                Workers[w - 1].Post(job, parts, w, parts);
            }

            try
            {
                RunShare(job, parts, 0, parts);
            }
            finally
            {
                AwaitWorkers(parts - 1, withdraw: false);
            }

            return true;
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }

    /// <summary>
    /// Waits until the first <paramref name="count"/> workers are idle (with <paramref name="withdraw"/>, taking the job
    /// back from those that have not started), then rethrows the first failure of any of them.
    /// </summary>
    private static void AwaitWorkers(int count, bool withdraw)
    {
        Exception? failure = null;
        for (int w = 0; w < count; w++)
        {
            failure ??= Workers[w].Await(withdraw);
        }

        if (failure is not null)
        {
            throw new AggregateException("A parallel engine kernel failed.", failure);
        }
    }

    private static void EnsureWorkers(int count)
    {
        while (Workers.Count < count)
        {
            Workers.Add(new Worker());
        }
    }

    private static void RunInline(ParallelJob job, int parts) => RunShare(job, parts, 0, 1);

    /// <summary>Runs parts <paramref name="participant"/>, + <paramref name="threads"/>, ... of the job.</summary>
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

    /// <summary>Claims and runs parts of the current <see cref="Run"/> job until none is left.</summary>
    private static void RunClaimed(ParallelJob job, int parts)
    {
        bool wasInside = insideJob;
        insideJob = true;
        try
        {
            for (int part; (part = Interlocked.Increment(ref nextPart) - 1) < parts;)
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
        private const int Running = 2;

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

        /// <summary>Posts a job: a fixed share (<paramref name="index"/> ≥ 0) or, with index -1, parts claimed one by one.</summary>
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

        /// <summary>
        /// Waits until the posted job has finished, or with <paramref name="withdraw"/> takes it back if the worker has
        /// not started it, and returns the job's failure, if any.
        /// </summary>
        public Exception? Await(bool withdraw)
        {
            if (!withdraw || Interlocked.CompareExchange(ref state, Idle, Posted) != Posted)
            {
                SpinUntil(ref state, Idle, long.MaxValue);
            }

            var error = failure;
            failure = null;
            return error;
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
                }

                // Start the job unless the caller has withdrawn it meanwhile (then spin again, ready for the next one).
                if (Interlocked.CompareExchange(ref state, Running, Posted) != Posted)
                {
                    continue;
                }

                try
                {
                    if (participant < 0)
                    {
                        RunClaimed(job!, parts);
                    }
                    else
                    {
                        RunShare(job!, parts, participant, threads);
                    }
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
