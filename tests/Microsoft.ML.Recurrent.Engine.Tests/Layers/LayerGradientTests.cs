using Microsoft.ML.Recurrent.Engine.Layers;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Tests.Layers;

/// <summary>Finite-difference gradient checks of the feed-forward layers.</summary>
public class LayerGradientTests
{
    [Fact]
    public void DenseGradientsMatch()
    {
        var random = new RandomSource(1);
        var dense = new Dense(4, 3, random);
        random.FillNormal(dense.Bias!.Value.Span, 0.5f);
        var input = GradientCheck.RandomTensor(random, 1f, 2, 5, 4);
        var weights = GradientCheck.RandomTensor(random, 1f, 2, 5, 3);
        var output = dense.Forward(input);
        Assert.Equal([2, 5, 3], output.Shape.ToArray());
        var gradInput = dense.Backward(weights);
        double Evaluate()
        {
            dense.Eval();
            return GradientCheck.WeightedSum(dense.Forward(input).Span, weights.Span);
        }

        GradientCheck.Assert(Evaluate, [("weight", dense.Weight.Value, dense.Weight.Gradient), ("bias", dense.Bias.Value, dense.Bias.Gradient), ("input", input, gradInput)]);
    }

    [Fact]
    public void EmbeddingGradientsMatchAndSkipPadding()
    {
        var random = new RandomSource(2);
        var embedding = new Embedding(6, 3, random, paddingIndex: 0);
        int[] ids = [1, 0, 4, 4, 5, 0];
        var weights = GradientCheck.RandomTensor(random, 1f, 3, 2, 3);
        var output = embedding.Forward(ids, 3, 2);
        Assert.Equal([3, 2, 3], output.Shape.ToArray());
        Assert.Equal(0f, output[0, 1, 2]);
        embedding.Backward(weights);
        Assert.All(embedding.Weight.Gradient.Span[..3].ToArray(), g => Assert.Equal(0f, g));
        double Evaluate()
        {
            embedding.Eval();
            return GradientCheck.WeightedSum(embedding.Forward(ids, 3, 2).Span, weights.Span);
        }

        // Row 0 is the padding row: its analytic gradient is zero by definition, so check the other rows only.
        var table = embedding.Weight.Value;
        var rows = Tensor.FromArray(table.Span[3..], 5, 3);
        var rowGradients = Tensor.FromArray(embedding.Weight.Gradient.Span[3..], 5, 3);
        GradientCheck.Assert(
            () =>
            {
                rows.Span.CopyTo(table.Span[3..]);
                return Evaluate();
            },
            [("weight[1..]", rows, rowGradients)]);
    }

    [Fact]
    public void EmbeddingRejectsOutOfRangeIds()
    {
        var embedding = new Embedding(5, 2);
        var error = Assert.ThrowsAny<ArgumentException>(() => embedding.Forward([1, 7], 2));
        Assert.Equal("indices", error.ParamName);
        Assert.Contains("id 7 at position 1", error.Message);
    }

    [Fact]
    public void LayerNormGradientsMatch()
    {
        var random = new RandomSource(3);
        var norm = new LayerNorm(5);
        random.FillNormal(norm.Weight.Value.Span, 1f);
        random.FillNormal(norm.Bias.Value.Span, 1f);
        var input = GradientCheck.RandomTensor(random, 2f, 4, 5);
        var weights = GradientCheck.RandomTensor(random, 1f, 4, 5);
        norm.Forward(input);
        var gradInput = norm.Backward(weights);
        double Evaluate()
        {
            norm.Eval();
            return GradientCheck.WeightedSum(norm.Forward(input).Span, weights.Span);
        }

        GradientCheck.Assert(Evaluate, [("weight", norm.Weight.Value, norm.Weight.Gradient), ("bias", norm.Bias.Value, norm.Bias.Gradient), ("input", input, gradInput)]);
    }

    [Fact]
    public void LayerNormMatchesDefinition()
    {
        var norm = new LayerNorm(4);
        var output = norm.Forward(Tensor.FromArray([1f, 2f, 3f, 4f], 1, 4));
        float mean = 2.5f, std = MathF.Sqrt(1.25f + 1e-5f);
        Assert.Equal((1f - mean) / std, output[0, 0], 5);
        Assert.Equal((4f - mean) / std, output[0, 3], 5);
    }

    [Fact]
    public void DropoutScalesKeptElementsAndBackpropagatesThroughTheMask()
    {
        var dropout = new Dropout(0.25f, new RandomSource(4));
        var input = new Tensor(1000);
        input.Span.Fill(1f);
        var output = dropout.Forward(input).Span.ToArray();
        Assert.All(output, v => Assert.True(v == 0f || Math.Abs(v - 1f / 0.75f) < 1e-6));
        double keptFraction = output.Count(v => v != 0f) / 1000.0;
        Assert.InRange(keptFraction, 0.7, 0.8);
        var gradient = new Tensor(1000);
        gradient.Span.Fill(2f);
        var gradInput = dropout.Backward(gradient).Span.ToArray();
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(output[i] * 2f, gradInput[i], 5);
        }

        dropout.Eval();
        Assert.Same(input, dropout.Forward(input));
    }
}
