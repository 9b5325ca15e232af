using Microsoft.ML.Recurrent.Engine.Tests.Recurrent;
using Microsoft.ML.Recurrent.Engine.Threading;

namespace Microsoft.ML.Recurrent.Engine.Tests.Threading;

/// <summary>Parts claimed by whichever thread is free run exactly once each, and failures reach the caller.</summary>
[Collection(nameof(ThreadCountCollection))]
public class WorkerPoolTests
{
    [Theory]
    [InlineData(2, 2)]
    [InlineData(2, 7)]
    [InlineData(3, 5)]
    public void EveryPartRunsExactlyOnce(int threads, int parts)
    {
        CorePartitionTests.WithThreads(threads, () =>
        {
            var job = new CountingJob(parts);
            for (int call = 0; call < 2000; call++)
            {
                // Every few calls, pause long enough for the workers to fall asleep, so late starters are withdrawn.
                if (call % 500 == 0)
                {
                    Thread.Sleep(5);
                }

                WorkerPool.Run(job, parts);
                Assert.All(job.Counts, count => Assert.Equal(call + 1, count));
            }
        });
    }

    [Fact]
    public void AFailingPartReachesTheCallerAndThePoolStaysUsable()
    {
        CorePartitionTests.WithThreads(2, () =>
        {
            var failing = new FailingJob();
            for (int call = 0; call < 20; call++)
            {
                Assert.ThrowsAny<Exception>(() => WorkerPool.Run(failing, 4));
            }

            var job = new CountingJob(4);
            WorkerPool.Run(job, 4);
            Assert.All(job.Counts, count => Assert.Equal(1, count));
        });
    }

    private sealed class CountingJob(int parts) : ParallelJob
    {
        public int[] Counts { get; } = new int[parts];

        public override void Execute(int part, int partCount)
        {
            Assert.Equal(Counts.Length, partCount);
            Interlocked.Increment(ref Counts[part]);
        }
    }

    private sealed class FailingJob : ParallelJob
    {
        public override void Execute(int part, int partCount)
        {
            if (part == 2)
            {
                throw new InvalidOperationException("part 2 fails");
            }
        }
    }
}
