using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Training;

namespace Microsoft.ML.Recurrent.Engine.Tests.Recurrent;

public class TruncatedBpttTests
{
    [Fact]
    public void WindowsWithCarriedStateReproduceTheFullForward()
    {
        var random = new RandomSource(4);
        var layer = new Lstm(3, 5, numLayers: 2, random: random);
        layer.Eval();
        var input = GradientCheck.RandomTensor(random, 1f, 12, 2, 3);
        var full = layer.Forward(input).Output.Clone();
        var runner = new TruncatedBptt(layer, 2);
        for (int start = 0; start < 12; start += 4)
        {
            var window = Tensor.FromArray(input.Span.Slice(start * 6, 4 * 6), 4, 2, 3);
            var output = runner.Forward(window).Output;
            for (int i = 0; i < output.Length; i++)
            {
                Assert.Equal(full.Span[start * 10 + i], output.Span[i], 5);
            }
        }
    }

    [Fact]
    public void GradientsStopAtWindowBoundaries()
    {
        var random = new RandomSource(5);
        var layer = new Gru(2, 4, random: random);
        var first = GradientCheck.RandomTensor(random, 1f, 3, 1, 2);
        var second = GradientCheck.RandomTensor(random, 1f, 3, 1, 2);
        var gradOutput = GradientCheck.RandomTensor(random, 1f, 3, 1, 4);

        // Truncated: window 2's loss only reaches window 2, starting from a constant carried state.
        var runner = new TruncatedBptt(layer, 1);
        runner.Forward(first);
        layer.ClearTape();
        runner.Forward(second);
        layer.ZeroGrad();
        runner.Backward(gradOutput);
        float[] truncated = layer.Parameters.SelectMany(p => p.Gradient.Span.ToArray()).ToArray();

        // Reference: the same window from the same state given as a constant initial state.
        layer.Eval();
        var carried = layer.Forward(first).FinalState;
        var constantState = new RecurrentState(carried.Hidden.Clone());
        layer.Train();
        layer.ZeroGrad();
        layer.Forward(second, default, constantState);
        layer.Backward(gradOutput);
        Assert.Equal(truncated, layer.Parameters.SelectMany(p => p.Gradient.Span.ToArray()).ToArray());

        // Full BPTT over both windows differs: the loss also flows into the first window.
        var both = Tensor.FromArray([.. first.Span, .. second.Span], 6, 1, 2);
        var fullGradOutput = Tensor.FromArray([.. new float[12], .. gradOutput.Span], 6, 1, 4);
        layer.ZeroGrad();
        layer.Forward(both);
        layer.Backward(fullGradOutput);
        Assert.NotEqual(truncated, layer.Parameters.SelectMany(p => p.Gradient.Span.ToArray()).ToArray());
    }
}
