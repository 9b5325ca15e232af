using Microsoft.ML.Recurrent.Forecasting;

namespace Microsoft.ML.Recurrent.Forecasting.Tests;

/// <summary>Short accuracy checks with default options (only the horizon set).</summary>
public class QualityTests
{
    [Fact]
    public void AirlineBeatsSeasonalNaiveWithDefaults()
    {
        var series = TestSeries.Airline();
        var train = TestSeries.Head(series, 132);
        var actual = series.Values.Skip(132).ToArray();
        var model = Forecaster.Fit([train], new ForecasterOptions { Horizon = 12 });
        Assert.Equal(12, model.SeasonalPeriod);
        Assert.True(model.UsesLogTransform);
        Assert.True(model.UsesSeasonalNormalization);
        Assert.Equal(10, model.EnsembleSize); // small data: ten members by default
        var forecast = model.Predict(train);
        var ours = ForecastMetrics.Compute(actual, forecast.Point, train.Values, 12, forecast.Lower, forecast.Upper);
        var seasonalNaive = ForecastMetrics.Compute(actual, Baselines.SeasonalNaive(train.Values, 12, 12), train.Values, 12);
        Assert.True(ours.Smape < 0.5 * seasonalNaive.Smape, $"sMAPE {ours.Smape:F2} vs seasonal naive {seasonalNaive.Smape:F2}");
        Assert.True(ours.Smape < 3.0, $"sMAPE {ours.Smape:F2}");
    }

    [Fact]
    public void TemperatureIntervalsCoverTheHeldOutMonth()
    {
        var series = TestSeries.Temperatures();
        var train = TestSeries.Head(series, series.Length - 30);
        var actual = series.Values.Skip(series.Length - 30).ToArray();
        var model = Forecaster.Fit([train], new ForecasterOptions { Horizon = 30 });
        Assert.Equal(365, model.SeasonalPeriod);
        var forecast = model.Predict(train);
        var ours = ForecastMetrics.Compute(actual, forecast.Point, train.Values, 365, forecast.Lower, forecast.Upper);
        var seasonalNaive = ForecastMetrics.Compute(actual, Baselines.SeasonalNaive(train.Values, 30, 365), train.Values, 365);
        Assert.InRange(ours.Coverage, 0.7, 0.9);
        Assert.True(ours.Smape < seasonalNaive.Smape, $"sMAPE {ours.Smape:F2} vs seasonal naive {seasonalNaive.Smape:F2}");
    }

    [Fact]
    public void GlobalModelBeatsSeasonalNaiveOnManySeries()
    {
        var random = new Random(7);
        var series = Enumerable.Range(0, 120).Select(i => TestSeries.Seasonal(
            $"series-{i}", 96, period: 12, level: 5 + 95 * (float)random.NextDouble(), amplitude: 1 + 9 * (float)random.NextDouble(),
            phase: random.Next(12), noise: 0.5f + (float)random.NextDouble(), slope: 0.05f * (float)random.NextDouble(), seed: i)).ToList();
        var training = series.Select(s => TestSeries.Head(s, 84)).ToList();
        var model = Forecaster.Fit(training, new ForecasterOptions { Horizon = 12 });
        var ours = new List<ForecastMetrics>();
        var seasonalNaive = new List<ForecastMetrics>();
        for (int i = 0; i < series.Count; i++)
        {
            var actual = series[i].Values.Skip(84).ToArray();
            ours.Add(ForecastMetrics.Compute(actual, model.Predict(training[i]).Point, training[i].Values, 12));
            seasonalNaive.Add(ForecastMetrics.Compute(actual, Baselines.SeasonalNaive(training[i].Values, 12, 12), training[i].Values, 12));
        }

        var a = ForecastMetrics.Mean(ours);
        var b = ForecastMetrics.Mean(seasonalNaive);
        Assert.True(a.Smape < b.Smape && a.Mase < b.Mase, $"sMAPE {a.Smape:F2} vs {b.Smape:F2}, MASE {a.Mase:F3} vs {b.Mase:F3}");
    }
}
