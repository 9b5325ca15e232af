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

    [Fact]
    public void HorizonPastTheLastRepresentableDateIsRejectedAtFitNamingTheSeries()
    {
        var end = DateTime.MaxValue.Date.AddDays(-2);
        var timestamps = Enumerable.Range(0, 80).Select(d => end.AddDays(d - 79)).ToArray();
        var series = new TimeSeriesData("late", TestSeries.Seasonal("x", 80).Values, timestamps);
        var error = Assert.Throws<ArgumentException>(() => Forecaster.Fit([series], TestSeries.Quick(5)));
        Assert.Equal("series", error.ParamName);
        Assert.Contains("Series 'late' ends at 9999-12-29 00:00:00", error.Message);
        Assert.Contains("Horizon = 5", error.Message);

        var model = Forecaster.Fit([TestSeries.Seasonal("s", 80, timestamps: true)], TestSeries.Quick(5));
        error = Assert.Throws<ArgumentException>(() => model.Predict(series));
        Assert.Equal("history", error.ParamName);
        Assert.Contains("Series 'late' ends at 9999-12-29 00:00:00", error.Message);
    }

    [Fact]
    public void OneSecondSeriesWithACenturyGapIsRejectedAtFitNamingTheSeriesAndTimestamp()
    {
        var start = new DateTime(2000, 1, 1);
        var timestamps = Enumerable.Range(0, 40).Select(s => start.AddSeconds(s)).Append(start.AddYears(100)).ToArray();
        var series = new TimeSeriesData("ticks", Enumerable.Range(0, 41).Select(i => (float)i).ToArray(), timestamps);
        var error = Assert.Throws<ArgumentException>(() => Forecaster.Fit([series], TestSeries.Quick(3)));
        Assert.Equal("timestamps", error.ParamName);
        Assert.Contains("Series 'ticks' has the timestamp 2100-01-01 00:00:00 at row 40", error.Message);
        Assert.Contains("100,000,000 rows", error.Message);
    }
}
