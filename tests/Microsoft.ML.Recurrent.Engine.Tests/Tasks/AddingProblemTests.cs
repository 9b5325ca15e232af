using Microsoft.ML.Recurrent.Examples.AddingProblem;

namespace Microsoft.ML.Recurrent.Engine.Tests.Tasks;

/// <summary>
/// A short version of examples/AddingProblem: at sequence length 100 gated cells learn to carry two values across
/// the sequence, a simple RNN does not, and gradient clipping keeps an exploding run finite.
/// </summary>
public class AddingProblemTests
{
    private static AddingProblemSettings Short(string cell) =>
        new() { Cell = cell, SequenceLength = 100, HiddenSize = 32, Epochs = 12, LearningRate = 3e-3f };

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void GatedCellsLearnTheAddingProblem(string cell)
    {
        var result = AddingProblemExperiment.Run(Short(cell));
        Assert.Null(result.Divergence);
        Assert.True(result.TestMse < 0.03f, $"{cell} test MSE {result.TestMse} (mean baseline {AddingProblemExperiment.MeanBaselineMse:F3})");
    }

    [Fact]
    public void SimpleRnnFailsAtLengthOneHundred()
    {
        var result = AddingProblemExperiment.Run(Short("rnn"));
        Assert.Null(result.Divergence);
        Assert.True(result.TestMse > 0.12f, $"simple RNN test MSE {result.TestMse} should stay near the mean baseline {AddingProblemExperiment.MeanBaselineMse:F3}");
    }

    [Fact]
    public void ClippingPreventsDivergence()
    {
        var exploding = new AddingProblemSettings { SequenceLength = 100, Optimizer = "sgd", LearningRate = 0.5f, ClipNorm = 0f, Epochs = 2 };
        var unclipped = AddingProblemExperiment.Run(exploding);
        Assert.NotNull(unclipped.Divergence);
        Assert.Contains("epoch 1, batch", unclipped.Divergence);

        var clipped = AddingProblemExperiment.Run(exploding with { ClipNorm = 1f });
        Assert.Null(clipped.Divergence);
        Assert.True(float.IsFinite(clipped.TestMse) && clipped.TestMse < 1f, $"clipped test MSE {clipped.TestMse}");
    }

    [Fact]
    public void TrainingWithTheSameSeedIsReproducible()
    {
        var settings = new AddingProblemSettings { SequenceLength = 30, HiddenSize = 16, Epochs = 2, BatchesPerEpoch = 15, Seed = 7 };
        var first = AddingProblemExperiment.Run(settings);
        var second = AddingProblemExperiment.Run(settings);
        Assert.Equal(first.History.Select(p => p.TrainingLoss), second.History.Select(p => p.TrainingLoss));
        Assert.Equal(first.TestMse, second.TestMse);
        Assert.NotEqual(first.TestMse, AddingProblemExperiment.Run(settings with { Seed = 8 }).TestMse);
    }
}
