using Microsoft.ML.Recurrent.Engine.Layers;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Tests.Recurrent;

namespace Microsoft.ML.Recurrent.Engine.Tests.Modules;

/// <summary>
/// A replica computes with the original's weights and keeps its own gradients, so splitting a batch between the two
/// and moving the replica's gradients back gives the whole batch's gradient.
/// </summary>
public class ModuleReplicaTests
{
    [Theory]
    [InlineData("lstm", true)]
    [InlineData("gru", false)]
    public void HalvesOnOriginalAndReplicaGiveTheWholeBatchGradient(string cell, bool bidirectional)
    {
        const int steps = 6, batch = 4, inputSize = 5, hidden = 8;
        var original = RecurrentGradientTests.Create(cell, inputSize, hidden, 2, bidirectional, BidirectionalMerge.Concat, new RandomSource(1));
        var replica = new ModuleReplica(
            original, RecurrentGradientTests.Create(cell, inputSize, hidden, 2, bidirectional, BidirectionalMerge.Concat, new RandomSource(2)));
        var layer = (RecurrentLayer)replica.Replica;
        var random = new RandomSource(3);
        var input = GradientCheck.RandomTensor(random, 1f, steps, batch, inputSize);
        var upstream = GradientCheck.RandomTensor(random, 1f, steps, batch, original.OutputSize);
        int[] lengths = [6, 4, 5, 3];

        var whole = original.Forward(input, lengths).Output.Span.ToArray();
        original.Backward(upstream);
        var expected = original.Parameters.Select(p => p.Gradient.Span.ToArray()).ToArray();
        original.ZeroGrad();

        // Rows 0 and 2 on the original, rows 1 and 3 on the replica.
        foreach (var (module, rows) in new[] { (original, new[] { 0, 2 }), (layer, new[] { 1, 3 }) })
        {
            var output = module.Forward(Columns(input, rows), [.. rows.Select(r => lengths[r])]).Output;
            Assert.Equal(Columns(whole, original.OutputSize, batch, rows), output.Span.ToArray());
            module.Backward(Columns(upstream, rows));
        }

        replica.MoveGradients();
        var actual = original.Parameters.Select(p => p.Gradient.Span.ToArray()).ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            for (int j = 0; j < expected[i].Length; j++)
            {
                Assert.True(Math.Abs(expected[i][j] - actual[i][j]) <= 1e-5f + 1e-5f * Math.Abs(expected[i][j]), $"parameter {i}[{j}]: {actual[i][j]} vs {expected[i][j]}");
            }
        }

        Assert.All(layer.Parameters, p => Assert.True(p.Gradient.Values.IndexOfAnyExcept(0f) < 0, $"{p.Name} keeps a gradient after the move"));
    }

    [Fact]
    public void ReplicaOfAnotherArchitectureIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new ModuleReplica(new Dense(3, 4, new RandomSource(1)), new Dense(4, 3, new RandomSource(1))));
        Assert.Contains("shape", error.Message);
        error = Assert.Throws<ArgumentException>(() => new ModuleReplica(new Dense(3, 4, new RandomSource(1)), new Dense(3, 4, new RandomSource(1), bias: false)));
        Assert.Contains("parameters", error.Message);
    }

    /// <summary>Batch columns <paramref name="rows"/> of a [steps, batch, width] tensor.</summary>
    private static Tensor Columns(Tensor tensor, int[] rows) =>
        Tensor.FromArray(Columns(tensor.Span.ToArray(), tensor.Dim(2), tensor.Dim(1), rows), tensor.Dim(0), rows.Length, tensor.Dim(2));

    private static float[] Columns(float[] values, int width, int batch, int[] rows)
    {
        int steps = values.Length / (batch * width);
        var result = new float[steps * rows.Length * width];
        for (int t = 0; t < steps; t++)
        {
            for (int i = 0; i < rows.Length; i++)
            {
                values.AsSpan((t * batch + rows[i]) * width, width).CopyTo(result.AsSpan((t * rows.Length + i) * width));
            }
        }

        return result;
    }
}
