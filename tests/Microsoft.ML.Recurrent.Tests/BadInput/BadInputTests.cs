using Microsoft.ML.Recurrent.Engine.Training;
using static Microsoft.ML.Recurrent.Tests.TextClassification.ReviewData;

namespace Microsoft.ML.Recurrent.Tests.BadInput;

/// <summary>Bad input tried as a new user would, through the ML.NET estimators: the model's clear errors reach the user intact.</summary>
public class BadInputTests
{
    private readonly MLContext ml = new(seed: 1);

    [Fact]
    public void FarTooHighLearningRateStopsTrainingNamingIt()
    {
        var options = SmallOptions();
        options.LearningRate = 1e6f;
        var data = ml.Data.LoadFromEnumerable(Reviews(40, seed: 5));
        var error = Assert.Throws<TrainingDivergedException>(() => ml.BinaryClassification.Trainers.LstmTextClassifier(options).Fit(data));
        Assert.Contains("LearningRate = 1000000", error.Message);
    }
}
