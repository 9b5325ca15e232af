using Microsoft.ML.Recurrent.Engine.Training;
using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent.TextClassification.Tests;

/// <summary>Bad input tried as a new user would: each gives a clear error naming the option or parameter.</summary>
public class BadInputTests
{
    private static readonly (string[] Texts, int[] Labels) Data = SyntheticTexts.Sentiment(40, seed: 31);

    [Fact]
    public void FarTooHighLearningRateStopsTrainingNamingIt()
    {
        var options = SyntheticTexts.Quick();
        options.LearningRate = 1e6f;
        var error = Assert.Throws<TrainingDivergedException>(() => TextClassifier.Fit(Data.Texts, Data.Labels, 2, options));
        Assert.Contains("LearningRate = 1000000", error.Message);
    }
}
