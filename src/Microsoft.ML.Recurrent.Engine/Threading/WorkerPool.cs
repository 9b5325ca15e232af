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
        int threads = Math.Min(parts, EngineThreads.Count);
        if (threads <= 1 || insideJob || !Monitor.TryEnter(Gate))
        {
            RunInline(job, parts);
            return;
        }

        try
        {
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
            Volatile.Write(ref state, Posted);
            lock (signal)
            {
                Monitor.Pulse(signal);
            }
        }

        public void WaitIdle()
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref state) != Idle)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }

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
                // Spin briefly first: kernels are often dispatched back to back.
                var spin = new SpinWait();
                while (Volatile.Read(ref state) != Posted && spin.Count < 100)
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                }

                lock (signal)
                {
                    while (Volatile.Read(ref state) != Posted)
                    {
                        Monitor.Wait(signal);
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
