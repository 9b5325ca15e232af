using Microsoft.ML.Recurrent.Engine.Training;
using Microsoft.ML.Recurrent.Forecasting;

namespace Microsoft.ML.Recurrent.Forecasting.Tests;

/// <summary>Bad input tried as a new user would: each gives a clear error naming the option, series or timestamp.</summary>
public class BadInputTests
{
    [Fact]
    public void FarTooHighLearningRateStopsTrainingNamingIt()
    {
        var options = TestSeries.Quick(3);
        options.LearningRate = 1e6f;
        var error = Assert.Throws<TrainingDivergedException>(() => Forecaster.Fit([TestSeries.Seasonal("s", 80)], options));
        Assert.Contains("LearningRate = 1000000", error.Message);
    }
}
