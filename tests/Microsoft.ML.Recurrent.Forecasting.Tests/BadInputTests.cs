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

    [Theory]
    [InlineData("Horizon")]
    [InlineData("LookbackWindow")]
    [InlineData("HiddenSize")]
    [InlineData("NumLayers")]
    [InlineData("SeasonalPeriod")]
    [InlineData("BatchSize")]
    [InlineData("EnsembleSize")]
    public void AbsurdSizesAreRejectedUpFrontNamingTheOption(string option)
    {
        var options = TestSeries.Quick(3);
        typeof(ForecasterOptions).GetProperty(option)!.SetValue(options, int.MaxValue);
        AssertOption(option, () => Forecaster.Fit([TestSeries.Seasonal("s", 80)], options));

        options = TestSeries.Quick(3);
        options.Quantiles = Enumerable.Range(1, ForecasterOptions.MaxQuantiles + 1).Select(i => i / 101f).ToArray();
        AssertOption("Quantiles", () => Forecaster.Fit([TestSeries.Seasonal("s", 80)], options));
    }

    [Theory]
    [InlineData("Cell")]
    [InlineData("HorizonStrategy")]
    [InlineData("Scaling")]
    [InlineData("LogTransform")]
    [InlineData("MissingValues")]
    public void UndefinedEnumValuesAreRejectedNamingTheOption(string option)
    {
        var options = TestSeries.Quick(3);
        var property = typeof(ForecasterOptions).GetProperty(option)!;
        property.SetValue(options, Enum.ToObject(property.PropertyType, 42));
        AssertOption(option, () => Forecaster.Fit([TestSeries.Seasonal("s", 80)], options));
    }

    private static void AssertOption(string option, Action action)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(action);
        Assert.Equal(option, error.ParamName);
        Assert.Contains($"ForecasterOptions.{option}", error.Message);
    }
}
