using Microsoft.ML.Recurrent.Forecasting;

namespace Microsoft.ML.Recurrent.Forecasting.Tests;

public class EvaluationTests
{
    [Fact]
    public void MetricsMatchHandComputedValues()
    {
        float[] actual = [2f, 4f, float.NaN, 5f];
        float[] forecast = [3f, 2f, 9f, 5f];
        float[] history = [1f, 2f, 3f, 4f, 6f];
        var m = ForecastMetrics.Compute(actual, forecast, history, 1, lower: [2.5f, 3f, 0f, 5f], upper: [4f, 5f, 0f, 6f]);
        Assert.Equal(1.0, m.Mae, 10);
        Assert.Equal(Math.Sqrt(5.0 / 3), m.Rmse, 10);
        Assert.Equal((50.0 + 50.0 + 0.0) / 3, m.Mape, 10);
        Assert.Equal((200.0 / 5 + 400.0 / 6 + 0) / 3, m.Smape, 10);
        Assert.Equal(1.0 / 1.25, m.Mase, 10); // MASE scale: mean |diff| of the history = (1 + 1 + 1 + 2) / 4
        Assert.Equal(2.0 / 3, m.Coverage, 10);

        var seasonal = ForecastMetrics.Compute([10f], [12f], [1f, 5f, 3f, 9f], 2);
        Assert.Equal(2.0 / 3, seasonal.Mase, 10); // |3 − 1| and |9 − 5|: scale 3
        Assert.True(double.IsNaN(seasonal.Coverage));
        Assert.True(double.IsNaN(ForecastMetrics.Compute([0f], [1f], [1f, 2f], 1).Mape));
    }

    [Fact]
    public void MetricsRejectBadInput()
    {
        Assert.Contains("'forecast' has 1 values", Assert.Throws<ArgumentException>(() => ForecastMetrics.Compute([1f, 2f], [1f], [1f], 1)).Message);
        Assert.Contains("no known value", Assert.Throws<ArgumentException>(() => ForecastMetrics.Compute([float.NaN], [1f], [1f], 1)).Message);
        Assert.Contains("index 0", Assert.Throws<ArgumentException>(() => ForecastMetrics.Compute([1f], [float.NaN], [1f], 1)).Message);
    }

    [Fact]
    public void MeanSkipsUndefinedFigures()
    {
        var mean = ForecastMetrics.Mean([new(1, 2, double.NaN, 4, 5, double.NaN), new(3, 4, 6, 8, 7, 0.5)]);
        Assert.Equal(new ForecastMetrics(2, 3, 6, 6, 6, 0.5), mean);
    }

    [Fact]
    public void BaselinesRepeatTheLastValueOrSeason()
    {
        float[] history = [1f, 2f, 3f, 4f, 5f, 6f, 7f];
        Assert.Equal([7f, 7f, 7f], Baselines.Naive(history, 3));
        Assert.Equal([5f, 6f, 7f, 5f, 6f], Baselines.SeasonalNaive(history, 5, 3));
        Assert.Equal([2f, 2f], Baselines.Naive([1f, 2f, float.NaN], 2));
        Assert.Equal([2f, 6f], Baselines.SeasonalNaive([1f, 2f, 3f, 4f, float.NaN, 6f, 7f], 2, 3)); // a missing value falls back one more season
        Assert.Throws<ArgumentException>(() => Baselines.Naive([float.NaN], 1));
    }

    [Fact]
    public void BacktestRollsOriginsOverTheLastWindows()
    {
        var series = TestSeries.Seasonal("s", 100, noise: 0.1f);
        var model = Forecaster.Fit([TestSeries.Head(series, 85)], TestSeries.Quick(5));
        var result = Backtest.Evaluate(model, [series], windows: 3, seasonalPeriod: 12);
        Assert.Equal([85, 90, 95], result.Windows.Select(w => w.Origin));
        Assert.Equal([91, 93, 95], Backtest.Evaluate(model, [series], windows: 3, step: 2).Windows.Select(w => w.Origin));
        var last = result.Windows[^1];
        var history = series.Values.Take(95).ToArray();
        var expected = ForecastMetrics.Compute(series.Values.Skip(95).ToArray(), Baselines.SeasonalNaive(history, 5, 12), history, 12);
        Assert.Equal(expected, last.SeasonalNaive);
        Assert.Equal(model.Predict(TestSeries.Head(series, 95)).Point, last.Forecast.Point);
        Assert.Equal(ForecastMetrics.Mean(result.Windows.Select(w => w.Naive)), result.Naive);
        Assert.False(double.IsNaN(result.Model.Coverage));
    }

    [Fact]
    public void BacktestRunFitsOnTheDataBeforeTheFirstOrigin()
    {
        var series = TestSeries.Seasonal("s", 90, noise: 0.1f);
        var result = Backtest.Run([series], TestSeries.Quick(4), windows: 2);
        Assert.Equal([82, 86], result.Windows.Select(w => w.Origin));
        var e = Assert.Throws<ArgumentException>(() => Backtest.Run([TestSeries.Seasonal("short", 10)], TestSeries.Quick(4), windows: 3));
        Assert.Contains("'short'", e.Message);
    }
}
