using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Tests.Recurrent;

/// <summary>Finite-difference gradient checks of the recurrent layers in every configuration.</summary>
public class RecurrentGradientTests
{
    public static TheoryData<string, int, bool, BidirectionalMerge, bool, bool> Configurations() => new()
    {
        // cell, layers, bidirectional, merge, masked lengths, return sequences
        { "lstm", 1, false, BidirectionalMerge.Concat, false, true },
        { "lstm", 2, false, BidirectionalMerge.Concat, true, true },
        { "lstm", 2, true, BidirectionalMerge.Concat, true, true },
        { "lstm", 1, true, BidirectionalMerge.Sum, true, false },
        { "gru", 1, false, BidirectionalMerge.Concat, true, true },
        { "gru", 2, true, BidirectionalMerge.Concat, true, false },
        { "gru", 2, true, BidirectionalMerge.Sum, false, true },
        { "rnn", 2, true, BidirectionalMerge.Concat, true, true },
        { "rnn-relu", 1, false, BidirectionalMerge.Concat, true, false },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void GradientsMatchFiniteDifferences(string kind, int layers, bool bidirectional, BidirectionalMerge merge, bool masked, bool returnSequences)
    {
        const int steps = 5, batch = 3, inputSize = 4, hidden = 5;
        var random = new RandomSource(7);
        RecurrentLayer layer = Create(kind, inputSize, hidden, layers, bidirectional, merge, random);
        layer.ReturnSequences = returnSequences;
        int[] lengths = masked ? [5, 2, 4] : [];
        var input = GradientCheck.RandomTensor(random, 1f, steps, batch, inputSize);
        int units = layers * layer.NumDirections;
        var h0 = GradientCheck.RandomTensor(random, 0.5f, units, batch, hidden);
        var c0 = layer.HasCellState ? GradientCheck.RandomTensor(random, 0.5f, units, batch, hidden) : null;
        var initial = new RecurrentState(h0, c0);

        var first = layer.Forward(input, lengths, initial);
        var outputWeights = GradientCheck.RandomTensor(random, 1f, first.Output.Shape.ToArray());
        var hiddenWeights = GradientCheck.RandomTensor(random, 1f, units, batch, hidden);
        var cellWeights = layer.HasCellState ? GradientCheck.RandomTensor(random, 1f, units, batch, hidden) : null;
        var gradients = layer.Backward(outputWeights, new RecurrentState(hiddenWeights, cellWeights));

        double Evaluate()
        {
            layer.Eval();
            var result = layer.Forward(input, lengths, initial);
            double loss = GradientCheck.WeightedSum(result.Output.Span, outputWeights.Span)
                + GradientCheck.WeightedSum(result.FinalState.Hidden.Span, hiddenWeights.Span);
            if (cellWeights is not null)
            {
                loss += GradientCheck.WeightedSum(result.FinalState.Cell!.Span, cellWeights.Span);
            }

            return loss;
        }

        var checks = layer.NamedParameters.Select(p => (p.Name, p.Parameter.Value, p.Parameter.Gradient)).ToList();
        checks.Add(("input", input, gradients.Input!));
        checks.Add(("h0", h0, gradients.InitialState!.Hidden));
        if (c0 is not null)
        {
            checks.Add(("c0", c0, gradients.InitialState.Cell!));
        }

        GradientCheck.Assert(Evaluate, checks, samplesPerTensor: 12);
    }

    [Fact]
    public void PaddedStepsNeitherChangeStateNorReceiveGradient()
    {
        var random = new RandomSource(3);
        var layer = new Lstm(2, 4, random: random);
        var input = GradientCheck.RandomTensor(random, 1f, 6, 2, 2);
        int[] lengths = [6, 3];
        var result = layer.Forward(input, lengths);
        var finalOfShort = result.FinalState.Hidden.Span.Slice(4, 4).ToArray();
        for (int t = 3; t < 6; t++)
        {
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(0f, result.Output[t, 1, j]);
            }
        }

        layer.Backward(GradientCheck.RandomTensor(random, 1f, 6, 2, 4));

        // Changing the padding changes nothing for the short sequence, and padding gets zero gradient.
        layer.Eval();
        var changed = input.Clone();
        for (int t = 3; t < 6; t++)
        {
            changed[t, 1, 0] = 100f;
            changed[t, 1, 1] = -100f;
        }

        var again = layer.Forward(changed, lengths);
        Assert.Equal(finalOfShort, again.FinalState.Hidden.Span.Slice(4, 4).ToArray());
        layer.Train();
        layer.Forward(input, lengths);
        var gradInput = layer.Backward(GradientCheck.RandomTensor(random, 1f, 6, 2, 4)).Input!;
        for (int t = 3; t < 6; t++)
        {
            Assert.Equal(0f, gradInput[t, 1, 0]);
            Assert.Equal(0f, gradInput[t, 1, 1]);
        }
    }

    [Fact]
    public void InterLayerDropoutGradientMatchesFiniteDifferencesWithFixedMask()
    {
        const int steps = 4, batch = 2;
        var input = GradientCheck.RandomTensor(new RandomSource(1), 1f, steps, batch, 3);
        var weights = GradientCheck.RandomTensor(new RandomSource(2), 1f, steps, batch, 4);
        Gru Build() => new(3, 4, numLayers: 2, dropout: 0.4f, random: new RandomSource(11));
        var layer = Build();
        layer.Forward(input);
        layer.Backward(weights);

        // Re-running with an identically seeded layer reproduces the same dropout mask.
        double Evaluate()
        {
            var twin = Build();
            foreach (var ((_, mine), (_, theirs)) in layer.NamedParameters.Zip(twin.NamedParameters))
            {
                mine.Value.Span.CopyTo(theirs.Value.Span);
            }

            return GradientCheck.WeightedSum(twin.Forward(input).Output.Span, weights.Span);
        }

        GradientCheck.Assert(Evaluate, layer.NamedParameters.Select(p => (p.Name, p.Parameter.Value, p.Parameter.Gradient)), samplesPerTensor: 10);
    }

    internal static RecurrentLayer Create(string kind, int inputSize, int hidden, int layers, bool bidirectional, BidirectionalMerge merge, RandomSource random) => kind switch
    {
        "lstm" => new Lstm(inputSize, hidden, layers, bidirectional: bidirectional, random: random, merge: merge),
        "gru" => new Gru(inputSize, hidden, layers, bidirectional: bidirectional, random: random, merge: merge),
        "rnn" => new SimpleRnn(inputSize, hidden, layers, bidirectional: bidirectional, random: random, merge: merge),
        _ => new SimpleRnn(inputSize, hidden, layers, RnnNonlinearity.Relu, bidirectional: bidirectional, random: random, merge: merge),
    };
}
