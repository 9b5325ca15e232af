using Microsoft.ML.Recurrent.Forecasting;

namespace Microsoft.ML.Recurrent.Forecasting.Tests;

public class FeatureTests
{
    [Theory]
    [InlineData(ScalingMethod.Standard, false)]
    [InlineData(ScalingMethod.MeanAbsolute, false)]
    [InlineData(ScalingMethod.None, false)]
    [InlineData(ScalingMethod.Standard, true)]
    [InlineData(ScalingMethod.MeanAbsolute, true)]
    public void ScalingAndLogInvertExactly(ScalingMethod method, bool log)
    {
        float[] values = [3f, 8f, float.NaN, 120f, 0.5f, 47f];
        var scaler = SeriesScaler.Fit(values, method, log);
        foreach (float v in values.Where(v => !float.IsNaN(v)))
        {
            Assert.Equal(v, scaler.Invert(scaler.Apply(v)), v * 1e-5f);
        }
    }

    [Fact]
    public void StandardScalingUsesMeanAndDeviationOfObservedValues()
    {
        var scaler = SeriesScaler.Fit([1f, float.NaN, 3f], ScalingMethod.Standard, log: false);
        Assert.Equal(2f, scaler.Offset);
        Assert.Equal(1f, scaler.Scale);
        var logScaler = SeriesScaler.Fit([1f, MathF.E * MathF.E], ScalingMethod.MeanAbsolute, log: true);
        Assert.Equal(0f, logScaler.Offset);
        Assert.Equal(1f, logScaler.Scale, 1e-6f);
        Assert.True(SeriesScaler.Fit([5f, 5f, 5f], ScalingMethod.Standard, false).Scale > 0f);
    }

    [Fact]
    public void InterpolationFillsGapsLinearlyAndEndsWithNearestValue()
    {
        float[] values = [float.NaN, 2f, float.NaN, float.NaN, 8f, float.NaN];
        Assert.True(Interpolation.Fill(values));
        Assert.Equal([2f, 2f, 4f, 6f, 8f, 8f], values);
        Assert.False(Interpolation.Fill(new[] { float.NaN, float.NaN }));
    }

    [Fact]
    public void CalendarFeaturesMatchTheCalendar()
    {
        var daily = new TimeStep(0, TimeSpan.TicksPerDay);
        Assert.Equal(4, CalendarFeatures.Count(daily));
        var features = new float[4];
        CalendarFeatures.Write(new DateTime(2024, 1, 1), daily, features); // a Monday, first day of the year
        Assert.Equal(Math.Sin(2 * Math.PI / 7), features[0], 5);
        Assert.Equal(Math.Cos(2 * Math.PI / 7), features[1], 5);
        Assert.Equal(0, features[2], 5);
        Assert.Equal(1, features[3], 5);

        var monthly = new TimeStep(1, 0);
        Assert.Equal(2, CalendarFeatures.Count(monthly));
        CalendarFeatures.Write(new DateTime(2024, 4, 1), monthly, features);
        Assert.Equal(1, features[0], 5); // April: a quarter of the year, sin = 1
        Assert.Equal(0, features[1], 5);

        var hourly = new TimeStep(0, TimeSpan.TicksPerHour);
        CalendarFeatures.Write(new DateTime(2024, 1, 6, 18, 0, 0), hourly, features); // 18:00 on a Saturday
        Assert.Equal(-1, features[0], 5);
        Assert.Equal(0, features[1], 5);
        Assert.Equal(0, CalendarFeatures.Count(new TimeStep(12, 0)));
    }

    [Fact]
    public void CalendarFeaturesReachTheModelAndNeedTimestamps()
    {
        var series = TestSeries.Seasonal("s", 120, period: 7, timestamps: true);
        var options = TestSeries.Quick(7);
        options.CalendarFeatures = true;
        var model = Forecaster.Fit([series], options);
        var forecast = model.Predict(series);
        Assert.Equal(new DateTime(2020, 1, 1).AddDays(120), forecast.Timestamps![0]);
        var e = Assert.Throws<ArgumentException>(() => model.Predict(new TimeSeriesData("s", series.Values)));
        Assert.Contains("calendar features", e.Message);
        e = Assert.Throws<ArgumentException>(() => Forecaster.Fit([new TimeSeriesData("n", series.Values)], options));
        Assert.Contains("CalendarFeatures", e.Message);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(7)]
    [InlineData(24)]
    public void DetectsTheSeasonalPeriodWithoutTimestamps(int period)
    {
        var series = TestSeries.Seasonal("s", 30 * period, period: period, slope: 0.02f);
        Assert.Equal(period, SeasonalityDetector.Detect([series.Values.ToArray()], null));
    }

    [Fact]
    public void DetectsYearlyPeriodOfDailyDataAndNoneForNoise()
    {
        var daily = TestSeries.Seasonal("d", 3 * 365 + 20, period: 365, amplitude: 5f, noise: 2f, timestamps: true);
        var step = RegularSeries.From(daily, null).Step;
        Assert.Equal(365, SeasonalityDetector.Detect([daily.Values.ToArray()], step));
        var noise = TestSeries.Seasonal("n", 600, amplitude: 0f, noise: 1f);
        Assert.Equal(1, SeasonalityDetector.Detect([noise.Values.ToArray()], null));
    }

    [Fact]
    public void SeasonalIndicesRecoverThePatternFromPastDataOnly()
    {
        var profile = new SeasonalProfile(4);
        float[] pattern = [1f, -2f, 0.5f, 0.5f];
        var values = Enumerable.Range(0, 40).Select(t => 0.1f * t + pattern[t % 4]).ToArray();
        var observed = Enumerable.Repeat(true, 40).ToArray();
        var indices = new float[4];
        profile.Indices(values, observed, profile.Trend(values), 39, indices, new float[8]);
        for (int p = 0; p < 4; p++)
        {
            Assert.Equal(pattern[p], indices[p], 4);
        }

        // Changing values after the window end must not change the indices at that end.
        var changed = (float[])values.Clone();
        changed[30] += 100f;
        var before = new float[4];
        var after = new float[4];
        profile.Indices(values, observed, profile.Trend(values), 27, before, new float[8]);
        profile.Indices(changed, observed, profile.Trend(changed), 27, after, new float[8]);
        Assert.Equal(before, after);
    }

    [Fact]
    public void AutoLogTransformOnlyForPositiveMultiplicativeSeries()
    {
        var airline = RegularSeries.From(TestSeries.Airline(), null);
        Assert.True(LogTransformDecision.Resolve(LogTransformMode.Auto, [airline], 12));
        var additive = RegularSeries.From(TestSeries.Seasonal("a", 240, slope: 0.05f), null);
        Assert.False(LogTransformDecision.Resolve(LogTransformMode.Auto, [additive], 12));
        var negative = RegularSeries.From(new TimeSeriesData("neg", [3f, -1f, 2f]), null);
        var e = Assert.Throws<ArgumentException>(() => LogTransformDecision.Resolve(LogTransformMode.Always, [negative], 1));
        Assert.Contains("'neg'", e.Message);
        Assert.Contains("row 1", e.Message);
    }

    [Fact]
    public void SeasonalNormalizationOnlyWhenTheIndicesPredictTheNextPeriod()
    {
        var seasonal = TestSeries.Seasonal("s", 120, amplitude: 3f, noise: 0.3f);
        var options = TestSeries.Quick(6);
        options.SeasonalPeriod = 12;
        Assert.True(Forecaster.Fit([seasonal], options).UsesSeasonalNormalization);

        // A cycle whose length wanders (11 ± 3 steps) has no stable pattern at a fixed period of 12.
        var random = new Random(3);
        var values = new List<float>();
        while (values.Count < 240)
        {
            int length = 8 + random.Next(7);
            values.AddRange(Enumerable.Range(0, length).Select(i => 5f + 3f * MathF.Sin(2 * MathF.PI * i / length)));
        }

        Assert.False(Forecaster.Fit([new TimeSeriesData("cycle", values.Take(240).ToArray())], options).UsesSeasonalNormalization);
        options.SeasonalNormalization = false;
        Assert.False(Forecaster.Fit([seasonal], options).UsesSeasonalNormalization);
    }
}
