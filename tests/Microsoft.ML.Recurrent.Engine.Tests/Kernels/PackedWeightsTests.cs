using Microsoft.ML.Recurrent.Engine.Layers;
using Microsoft.ML.Recurrent.Engine.Optimization;
using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Tests.Kernels;

/// <summary>
/// Training-mode passes pack weights once per weight update and reuse them across calls: every write to the weights
/// (an optimizer step, a direct write) must reach the next forward and backward pass.
/// </summary>
public class PackedWeightsTests
{
    [Fact]
    public void DenseTrainingPassesFollowWeightChanges()
    {
        var random = new RandomSource(4);
        var dense = new Dense(6, 5, random);
        var input = GradientCheck.RandomTensor(random, 1f, 3, 6);
        var upstream = GradientCheck.RandomTensor(random, 1f, 3, 5);
        var optimizer = new Sgd(dense.Parameters.ToArray(), 0.5f);
        float[]? previous = null;
        for (int update = 0; update < 3; update++)
        {
            // The same pass on a fresh layer with a copy of the weights packs from scratch.
            var fresh = new Dense(6, 5, new RandomSource(9));
            dense.Weight.Value.Values.CopyTo(fresh.Weight.Value.Span);
            dense.Bias!.Value.Values.CopyTo(fresh.Bias!.Value.Span);
            var output = dense.Forward(input).Span.ToArray();
            var gradInput = dense.Backward(upstream).Span.ToArray();
            Assert.Equal(fresh.Forward(input).Span.ToArray(), output);
            Assert.Equal(fresh.Backward(upstream).Span.ToArray(), gradInput);
            if (previous is not null)
            {
                Assert.NotEqual(previous, output);
            }

            previous = output;
            optimizer.Step();
            dense.Weight.Value.Span[update] += 0.25f;
        }
    }

    [Fact]
    public void DenseEvaluationFollowsWeightChangesOnConcurrentThreads()
    {
        var random = new RandomSource(6);
        var dense = new Dense(48, 40, random);
        dense.Eval();
        var inputs = Enumerable.Range(0, 4).Select(_ => GradientCheck.RandomTensor(random, 1f, 3, 48)).ToArray();
        for (int update = 0; update < 3; update++)
        {
            var fresh = new Dense(48, 40, new RandomSource(9));
            dense.Weight.Value.Values.CopyTo(fresh.Weight.Value.Span);
            dense.Bias!.Value.Values.CopyTo(fresh.Bias!.Value.Span);
            fresh.Eval();
            var expected = inputs.Select(x => fresh.Forward(x).Span.ToArray()).ToArray();

            // Each thread has its own output buffer (the module's per-thread scratch frame); the packed weights are shared.
            Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
            {
                for (int i = 0; i < 200; i++)
                {
                    Assert.Equal(expected[t], dense.Forward(inputs[t]).Span.ToArray());
                }
            });

            dense.Weight.Value.Span[update] += 0.25f;
        }
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void RecurrentTrainingPassesFollowWeightChanges(string cell)
    {
        var random = new RandomSource(5);
        var layer = Recurrent.RecurrentGradientTests.Create(cell, 4, 16, 1, false, BidirectionalMerge.Concat, random);
        var input = GradientCheck.RandomTensor(random, 1f, 5, 3, 4);
        var upstream = GradientCheck.RandomTensor(random, 1f, 5, 3, 16);
        var optimizer = new Sgd(layer.Parameters.ToArray(), 0.5f);
        for (int update = 0; update < 3; update++)
        {
            // The same pass on a fresh layer with a copy of the weights packs from scratch.
            var fresh = Recurrent.RecurrentGradientTests.Create(cell, 4, 16, 1, false, BidirectionalMerge.Concat, new RandomSource(9));
            foreach (var (p, q) in layer.Parameters.Zip(fresh.Parameters))
            {
                p.Value.Values.CopyTo(q.Value.Span);
            }

            var output = layer.Forward(input).Output.Span.ToArray();
            var gradInput = layer.Backward(upstream).Input!.Span.ToArray();
            Assert.Equal(fresh.Forward(input).Output.Span.ToArray(), output);
            Assert.Equal(fresh.Backward(upstream).Input!.Span.ToArray(), gradInput);
            optimizer.Step();
            layer.Parameters.First().Value.Span[update] += 0.25f;
        }
    }
}
