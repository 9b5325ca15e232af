using Microsoft.ML.Recurrent.Engine.Training;

namespace Microsoft.ML.Recurrent.Translation.Tests;

/// <summary>Bad input tried as a new user would: each gives a clear error naming the option or parameter.</summary>
public class BadInputTests
{
    private static readonly (string[] Sources, string[] Targets) Pairs = SyntheticTasks.Reversal(64, seed: 3);

    private static TranslatorOptions Tiny()
    {
        var options = SyntheticTasks.SmallCharacterModel();
        options.EmbeddingDimension = 8;
        options.HiddenSize = 8;
        options.Epochs = 2;
        options.ValidationFraction = 0f;
        return options;
    }

    [Fact]
    public void FarTooHighLearningRateStopsTrainingNamingIt()
    {
        var options = Tiny();
        options.LearningRate = 1e6f;
        var error = Assert.Throws<TrainingDivergedException>(() => Translator.Fit(Pairs.Sources, Pairs.Targets, options));
        Assert.Contains("LearningRate = 1000000", error.Message);
    }
}
