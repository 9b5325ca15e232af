using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Threading;

namespace Microsoft.ML.Recurrent.Engine.Tests.Recurrent;

/// <summary>
/// Inference chooses its degree of parallelism from the size of the work: small work runs inline, large single
/// sequences split hidden units, large batches split rows; every choice computes the same bits.
/// </summary>
[Collection(nameof(ThreadCountCollection))]
public class CorePartitionTests
{
    [Theory]
    [InlineData(1, 50, 1, 64, 4, 1, false, 1)]     // LSTM b1 h64: one step is far too little work to share
    [InlineData(1, 1, 32, 128, 3, 1, false, 1)]    // one GRU streaming step, hidden 128
    [InlineData(1, 1, 64, 512, 4, 1, true, 2)]     // character LM step, hidden 512: unit slices
    [InlineData(5, 1, 512, 256, 4, 1, true, 2)]    // beam of 5 through a hidden-256 decoder step
    [InlineData(1, 20, 300, 128, 4, 2, false, 2)]  // one sentence through a bidirectional layer: one direction per core
    [InlineData(1, 3, 8, 16, 4, 2, false, 1)]      // a tiny bidirectional call runs inline
    [InlineData(256, 50, 32, 128, 3, 1, false, 2)] // a large batch: row chunks
    public void ThreadsFollowTheSizeOfTheWork(int batch, int steps, int inputSize, int hidden, int gates, int directions, bool splitUnits, int threads)
    {
        WithThreads(2, () =>
        {
            var partition = CorePartition.ForInference(batch, steps, inputSize, hidden, gates, directions);
            Assert.Equal(splitUnits, partition.SplitUnits);
            Assert.Equal(threads, partition.Threads);
        });
    }

    [Fact]
    public void OneThreadNeverSplits()
    {
        WithThreads(1, () =>
        {
            var partition = CorePartition.ForInference(1, 1, 64, 512, 4, 1);
            Assert.False(partition.SplitUnits);
            Assert.Equal(1, partition.Threads);
        });
    }

    /// <summary>
    /// A layer large enough for unit slices (and a sequence long enough to share) gives the same outputs on two threads
    /// as on one, in one-off calls (the other core asleep: lock step on the caller) and back-to-back calls (concurrent).
    /// </summary>
    [Theory]
    [InlineData("lstm", 1)]
    [InlineData("gru", 2)]
    [InlineData("lstm", 20)]
    public void SplitAndInlineForwardsAgree(string cell, int batch)
    {
        var random = new RandomSource(31);
        var layer = RecurrentGradientTests.Create(cell, 24, 256, 2, false, BidirectionalMerge.Concat, random);
        layer.Eval();
        var input = GradientCheck.RandomTensor(random, 1f, 7, batch, 24);
        int[] lengths = Enumerable.Range(0, batch).Select(b => 7 - b % 3).ToArray();
        float[] inline = WithThreads(1, () => layer.Forward(input, lengths).Output.Span.ToArray());
        WithThreads(2, () =>
        {
            Assert.True(CorePartition.ForInference(batch, 7, 24, 256, layer.Cell.GateCount, 1).Threads == 2);
            for (int repeat = 0; repeat < 20; repeat++)
            {
                Assert.Equal(inline, layer.Forward(input, lengths).Output.Span.ToArray());
            }

            return 0;
        });
    }

    [Theory]
    [InlineData("lstm", 1)]
    [InlineData("gru", 3)]
    public void SplitAndInlineSteppersAgree(string cell, int batch)
    {
        var random = new RandomSource(32);
        var layer = RecurrentGradientTests.Create(cell, 24, 256, 2, false, BidirectionalMerge.Concat, random);
        layer.Eval();
        var input = GradientCheck.RandomTensor(random, 1f, 30, batch, 24);
        float[] Stream()
        {
            var stepper = layer.CreateStepper(batch);
            var outputs = new List<float>();
            for (int t = 0; t < 30; t++)
            {
                outputs.AddRange(stepper.Step(input.Span.Slice(t * batch * 24, batch * 24)).ToArray());
            }

            return outputs.ToArray();
        }

        float[] inline = WithThreads(1, Stream);
        Assert.Equal(inline, WithThreads(2, Stream));
        Assert.Equal(layer.Forward(input).Output.Span.ToArray(), inline);
    }

    /// <summary>Runs <paramref name="action"/> with <see cref="EngineThreads.Count"/> set to <paramref name="threads"/>.</summary>
    internal static void WithThreads(int threads, Action action) => WithThreads(threads, () =>
    {
        action();
        return 0;
    });

    /// <inheritdoc cref="WithThreads(int, Action)"/>
    internal static T WithThreads<T>(int threads, Func<T> action)
    {
        int saved = EngineThreads.Count;
        EngineThreads.Count = threads;
        try
        {
            return action();
        }
        finally
        {
            EngineThreads.Count = saved;
        }
    }
}
