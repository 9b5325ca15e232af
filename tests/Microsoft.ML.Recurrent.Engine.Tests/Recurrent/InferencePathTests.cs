using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Threading;

namespace Microsoft.ML.Recurrent.Engine.Tests.Recurrent;

/// <summary>
/// Evaluation-mode forwards (step-wise input projection; batches split by rows, or hidden units split over cores with a
/// barrier per step) and streaming steps compute exactly what the training-mode forward computes.
/// </summary>
[Collection(nameof(ThreadCountCollection))]
public class InferencePathTests
{
    public static TheoryData<string, int, int, bool, int> Configurations() => new()
    {
        // cell, batch, layers, bidirectional, threads
        { "lstm", 1, 2, false, 2 },
        { "lstm", 3, 1, false, 2 },
        { "gru", 1, 1, false, 2 },
        { "gru", 5, 2, false, 2 },
        { "rnn", 2, 1, false, 2 },
        { "lstm", 40, 2, true, 2 },
        { "gru", 40, 1, false, 2 },
        { "lstm", 3, 2, false, 1 },
        { "gru", 40, 2, true, 1 },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void EvaluationForwardMatchesTrainingForward(string cell, int batch, int layers, bool bidirectional, int threads)
    {
        int saved = EngineThreads.Count;
        EngineThreads.Count = threads;
        try
        {
            var random = new RandomSource(21);
            var layer = RecurrentGradientTests.Create(cell, 7, 64, layers, bidirectional, BidirectionalMerge.Concat, random);
            var input = GradientCheck.RandomTensor(random, 1f, 9, batch, 7);
            int[] lengths = Enumerable.Range(0, batch).Select(b => 9 - b % 4).ToArray();
            var initial = new RecurrentState(
                GradientCheck.RandomTensor(random, 0.5f, layers * layer.NumDirections, batch, 64),
                layer.HasCellState ? GradientCheck.RandomTensor(random, 0.5f, layers * layer.NumDirections, batch, 64) : null);
            var training = layer.Forward(input, lengths, initial);
            float[] expectedOutput = training.Output.Span.ToArray();
            float[] expectedHidden = training.FinalState.Hidden.Span.ToArray();
            layer.Eval();
            var evaluation = layer.Forward(input, lengths, initial);
            Assert.Equal(expectedOutput, evaluation.Output.Span.ToArray());
            Assert.Equal(expectedHidden, evaluation.FinalState.Hidden.Span.ToArray());
        }
        finally
        {
            EngineThreads.Count = saved;
        }
    }

    /// <summary>Sequences too long to project in one product are projected step by step, with the same results.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void LongSequencesMatchTrainingForward(int threads)
    {
        int saved = EngineThreads.Count;
        EngineThreads.Count = threads;
        try
        {
            var random = new RandomSource(24);
            var layer = RecurrentGradientTests.Create("lstm", 7, 64, 1, true, BidirectionalMerge.Concat, random);
            var input = GradientCheck.RandomTensor(random, 1f, 1100, 1, 7);
            var expected = layer.Forward(input).Output.Span.ToArray();
            layer.Eval();
            Assert.Equal(expected, layer.Forward(input).Output.Span.ToArray());
        }
        finally
        {
            EngineThreads.Count = saved;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    public void EvaluationSeesEveryWeightChange(int batch)
    {
        var random = new RandomSource(23);
        var layer = new Lstm(1, 64, random: random);
        layer.Eval();
        var input = GradientCheck.RandomTensor(random, 1f, 6, batch, 1);
        float[] Evaluate() => layer.Forward(input).Output.Span.ToArray();
        float[] TrainingForward()
        {
            layer.Train();
            var output = layer.Forward(input).Output.Span.ToArray();
            layer.Eval();
            return output;
        }

        var before = Evaluate();
        Assert.Equal(before, Evaluate());

        // A direct write to a weight, then an optimizer step on a bias: evaluation must follow both.
        layer.NamedParameters.First(p => p.Name == "weight_hh_l0").Parameter.Value.Span[5] += 0.5f;
        var afterWrite = Evaluate();
        Assert.NotEqual(before, afterWrite);
        Assert.Equal(TrainingForward(), afterWrite);
        var bias = layer.NamedParameters.First(p => p.Name == "bias_ih_l0").Parameter;
        bias.Gradient.Span.Fill(1f);
        new Engine.Optimization.Sgd([bias], 0.1f).Step();
        var afterStep = Evaluate();
        Assert.NotEqual(afterWrite, afterStep);
        Assert.Equal(TrainingForward(), afterStep);
    }

    [Theory]
    [InlineData("lstm", 1, 2, 2)]
    [InlineData("gru", 3, 1, 2)]
    [InlineData("gru", 20, 2, 2)]
    [InlineData("lstm", 1, 2, 1)]
    public void SplitStepperMatchesForward(string cell, int batch, int layers, int threads)
    {
        int saved = EngineThreads.Count;
        EngineThreads.Count = threads;
        try
        {
            var random = new RandomSource(22);
            var layer = RecurrentGradientTests.Create(cell, 5, 64, layers, false, BidirectionalMerge.Concat, random);
            layer.Eval();
            var input = GradientCheck.RandomTensor(random, 1f, 12, batch, 5);
            var expected = layer.Forward(input).Output.Span.ToArray();
            var stepper = layer.CreateStepper(batch);
            int width = batch * 64;
            for (int repeat = 0; repeat < 3; repeat++)
            {
                stepper.Reset();
                for (int t = 0; t < 12; t++)
                {
                    var output = stepper.Step(input.Span.Slice(t * batch * 5, batch * 5));
                    Assert.Equal(expected.AsSpan(t * width, width).ToArray(), output.ToArray());
                }
            }
        }
        finally
        {
            EngineThreads.Count = saved;
        }
    }
}

/// <summary>Tests that change <see cref="EngineThreads.Count"/> run one at a time.</summary>
[CollectionDefinition(nameof(ThreadCountCollection), DisableParallelization = true)]
public class ThreadCountCollection
{
}
