using Microsoft.ML.Recurrent.Forecasting;
using Microsoft.ML.Recurrent.Engine.Persistence;

namespace Microsoft.ML.Recurrent.Forecasting.Tests;

public class ForecasterTests
{
    [Fact]
    public void QuantilesAreOrderedAndBoundTheMedian()
    {
        var series = TestSeries.Seasonal("s", 150);
        var options = TestSeries.Quick(6);
        options.Quantiles = [0.9f, 0.05f, 0.25f, 0.75f];
        var forecast = Forecaster.Fit([series], options).Predict(series);
        Assert.Equal([0.05f, 0.25f, 0.5f, 0.75f, 0.9f], forecast.QuantileLevels);
        for (int h = 0; h < 6; h++)
        {
            var column = forecast.QuantileLevels.Select(q => forecast.Quantile(q)[h]).ToArray();
            Assert.Equal(column.Order(), column);
            Assert.Equal(forecast.Quantile(0.5f)[h], forecast.Point[h]);
            Assert.Equal(forecast.Quantile(0.05f)[h], forecast.Lower[h]);
            Assert.Equal(forecast.Quantile(0.9f)[h], forecast.Upper[h]);
        }

        Assert.Throws<ArgumentException>(() => forecast.Quantile(0.3f));
    }

    [Fact]
    public void SavedModelPredictsBitIdentically()
    {
        var series = TestSeries.Seasonal("s", 160, timestamps: true);
        var options = TestSeries.Quick(5);
        options.CalendarFeatures = true;
        var model = Forecaster.Fit([series], options);
        string path = Path.Combine(Path.GetTempPath(), $"forecaster-{Guid.NewGuid():N}.mlrnn");
        try
        {
            model.Save(path);
            var loaded = Forecaster.Load(path);
            Assert.Equal(model.Predict(series).Point, loaded.Predict(series).Point);
            Assert.Equal(model.Predict(series).Upper, loaded.Predict(series).Upper);
            Assert.Equal(model.SeasonalPeriod, loaded.SeasonalPeriod);
            Assert.Equal(model.Series[0].ScaleFactor, loaded.Series[0].ScaleFactor);
            Assert.Equal(model.Series[0].LastTimestamp, loaded.Series[0].LastTimestamp);
            Assert.Equal(options.HiddenSize, loaded.Options.HiddenSize);

            using var stream = new MemoryStream();
            model.Save(stream);
            stream.Position = 0;
            var other = TestSeries.Seasonal("new", 100, level: 50f, seed: 5, timestamps: true);
            Assert.Equal(model.Predict(other).Point, Forecaster.Load(stream).Predict(other).Point);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadRejectsOtherModelKinds()
    {
        using var stream = new MemoryStream();
        ModelFile.Save(stream, new ModelContents("Translator", new System.Text.Json.Nodes.JsonObject()));
        stream.Position = 0;
        Assert.Contains("'Translator'", Assert.Throws<ModelFormatException>(() => Forecaster.Load(stream)).Message);
    }

    [Fact]
    public void StateUpdatesEqualPredictingFromTheExtendedHistory()
    {
        var full = TestSeries.Seasonal("s", 140, timestamps: true);
        var covariates = DataTests.Column(140, i => MathF.Sin(i));
        full = new TimeSeriesData("s", full.Values, full.Timestamps, futureCovariates: covariates);
        var model = Forecaster.Fit([TestSeries.Head(full, 100)], TestSeries.Quick(4));
        var state = model.CreateState(TestSeries.Head(full, 100));
        for (int t = 100; t < 130; t++)
        {
            state.Update(full.Values[t], full.Timestamps![t], futureCovariates: [covariates[t, 0]]);
        }

        var horizon = Future(covariates, 130, 4);
        Assert.Equal(model.Predict(TestSeries.Head(full, 130), horizon).Point, state.Predict(horizon).Point);
        Assert.Equal(full.Timestamps![130], state.Predict(horizon).Timestamps![0]);
        Assert.True(state.Length <= model.ContextLength);

        // A skipped step becomes a missing value, exactly as in the history.
        state.Update(5f, full.Timestamps[131], futureCovariates: [covariates[131, 0]]);
        int[] kept = [.. Enumerable.Range(0, 130), 131];
        var values = kept.Select(t => t == 131 ? 5f : full.Values[t]).ToArray();
        var extended = new TimeSeriesData("s", values, kept.Select(t => full.Timestamps[t]).ToArray(), futureCovariates: DataTests.Column(kept.Length, i => covariates[kept[i], 0]));
        Assert.Equal(model.Predict(extended, Future(covariates, 132, 4)).Point, state.Predict(Future(covariates, 132, 4)).Point);

        using var stream = new MemoryStream();
        state.Save(stream);
        stream.Position = 0;
        var restored = ForecastState.Load(stream, model);
        Assert.Equal(state.Predict(Future(covariates, 132, 4)).Point, restored.Predict(Future(covariates, 132, 4)).Point);
        Assert.Equal(state.LastTimestamp, restored.LastTimestamp);

        Assert.Contains("row", Assert.Throws<ArgumentException>(() => state.Update(1f, full.Timestamps[131].AddHours(30), futureCovariates: [0f])).Message);
        Assert.Contains("1 such covariate", Assert.Throws<ArgumentException>(() => state.Update(1f)).Message);
    }

    [Fact]
    public void GlobalModelWithPastAndFutureCovariates()
    {
        var series = Enumerable.Range(0, 4).Select(i =>
        {
            var s = TestSeries.Seasonal($"store-{i}", 120, level: 10 + 20 * i, phase: i, seed: i);
            return new TimeSeriesData(s.Id, s.Values, pastCovariates: DataTests.Column(120, t => s.Values[t] * 0.1f + i), futureCovariates: DataTests.Column(120, t => t % 7 == 0 ? 1 : 0));
        }).ToList();
        var model = Forecaster.Fit(series, TestSeries.Quick(3));
        Assert.Equal(series.Select(s => s.Id), model.Series.Select(s => s.Id));
        var forecast = model.Predict(series[2], DataTests.Column(3, t => t));
        Assert.All(forecast.Point, v => Assert.InRange(v, 20f, 80f));

        var e = Assert.Throws<ArgumentException>(() => model.Predict(series[2]));
        Assert.Contains("[3, 1]", e.Message);
        e = Assert.Throws<ArgumentException>(() => model.Predict(new TimeSeriesData("x", series[0].Values), DataTests.Column(3, t => t)));
        Assert.Contains("0 past and 0 future covariate columns", e.Message);
        e = Assert.Throws<ArgumentException>(() => Forecaster.Fit([series[0], new TimeSeriesData("plain", series[1].Values)], TestSeries.Quick(3)));
        Assert.Contains("'plain'", e.Message);
        e = Assert.Throws<ArgumentException>(() => Forecaster.Fit([series[0], series[0]], TestSeries.Quick(3)));
        Assert.Contains("more than once", e.Message);
    }

    [Fact]
    public void SameSeedReproducesTheModel()
    {
        var series = TestSeries.Seasonal("s", 120);
        var a = Forecaster.Fit([series], TestSeries.Quick(4)).Predict(series);
        var b = Forecaster.Fit([series], TestSeries.Quick(4)).Predict(series);
        Assert.Equal(a.Point, b.Point);
        Assert.Equal(2, Forecaster.Fit([series], TestSeries.Quick(4)).EnsembleSize);
        var options = TestSeries.Quick(4);
        options.Seed = 2;
        Assert.NotEqual(a.Point, Forecaster.Fit([series], options).Predict(series).Point);
    }

    [Fact]
    public void MaskingAndInterpolationBothTrainOnMissingValues()
    {
        var series = TestSeries.Seasonal("s", 150);
        var values = series.Values.ToArray();
        for (int t = 10; t < 150; t += 9)
        {
            values[t] = float.NaN;
        }

        values[^1] = float.NaN;
        var gappy = new TimeSeriesData("s", values);
        foreach (var handling in new[] { MissingValueHandling.Mask, MissingValueHandling.Interpolate })
        {
            var options = TestSeries.Quick(4);
            options.MissingValues = handling;
            var forecast = Forecaster.Fit([gappy], options).Predict(gappy);
            Assert.All(forecast.Point, v => Assert.True(float.IsFinite(v)));
        }
    }

    [Fact]
    public void MaskedTargetsGetZeroWeightInterpolatedOnesFullWeight()
    {
        float[] values = [1, 2, 3, 4, float.NaN, 6, 7, 8, 9, 10];
        var series = RegularSeries.From(new TimeSeriesData("s", values), null);
        foreach (var handling in new[] { MissingValueHandling.Mask, MissingValueHandling.Interpolate })
        {
            var layout = Layout(handling, lookback: 3, horizon: 2);
            var frame = new SeriesFrame(series, layout, SeriesScaler.Fit(values, ScalingMethod.None, false), null, [], 0);
            var windows = TrainingWindows.Build([frame], layout, null, 0);
            int window = 1; // inputs rows 1..3, targets rows 4 (missing) and 5
            Assert.Equal(handling == MissingValueHandling.Mask ? [0f, 1f] : [1f, 1f], windows.Weights.AsSpan(window * 2, 2).ToArray());
            Assert.Equal([5f - 3.5f, 6f - 3.5f], windows.Targets.AsSpan(window * 2, 2).ToArray()); // level: mean of the last 2 inputs; row 4 interpolated
        }
    }

    [Fact]
    public void RecursiveStrategyForecastsTheWholeHorizonAndRefusesPastCovariates()
    {
        var series = TestSeries.Seasonal("s", 150);
        var options = TestSeries.Quick(8);
        options.HorizonStrategy = HorizonStrategy.Recursive;
        var forecast = Forecaster.Fit([series], options).Predict(series);
        Assert.Equal(8, forecast.Horizon);
        Assert.All(forecast.Point, v => Assert.InRange(v, 4f, 16f));
        var withPast = new TimeSeriesData("p", series.Values, pastCovariates: DataTests.Column(150, t => t));
        Assert.Contains("Recursive", Assert.Throws<ArgumentException>(() => Forecaster.Fit([withPast], options)).Message);
    }

    [Fact]
    public void ConcurrentPredictionsEqualSequentialOnes()
    {
        var series = Enumerable.Range(0, 6).Select(i => TestSeries.Seasonal($"s{i}", 130, level: 5 + i, seed: i)).ToArray();
        var model = Forecaster.Fit(series, TestSeries.Quick(5));
        var expected = series.Select(s => model.Predict(s).Point.ToArray()).ToArray();
        var results = new float[series.Length * 20][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = model.Predict(series[i % series.Length]).Point.ToArray());
        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % series.Length], results[i]);
        }
    }

    [Fact]
    public void ShortHistoryIsRejectedWithTheNeededLength()
    {
        var model = Forecaster.Fit([TestSeries.Seasonal("s", 100)], TestSeries.Quick(4));
        var e = Assert.Throws<ArgumentException>(() => model.Predict(TestSeries.Seasonal("s", 10)));
        Assert.Contains("LookbackWindow = 16", e.Message);
        Assert.Contains("'s'", e.Message);
    }

    [Theory]
    [InlineData(nameof(ForecasterOptions.Horizon))]
    [InlineData(nameof(ForecasterOptions.HiddenSize))]
    [InlineData(nameof(ForecasterOptions.Dropout))]
    [InlineData(nameof(ForecasterOptions.Quantiles))]
    [InlineData(nameof(ForecasterOptions.SeasonalPeriod))]
    [InlineData(nameof(ForecasterOptions.LearningRate))]
    [InlineData(nameof(ForecasterOptions.EnsembleSize))]
    [InlineData(nameof(ForecasterOptions.ValidationTail))]
    public void ValidationNamesTheBadOption(string option)
    {
        var options = new ForecasterOptions { Horizon = 3 };
        switch (option)
        {
            case nameof(ForecasterOptions.Horizon): options.Horizon = 0; break;
            case nameof(ForecasterOptions.HiddenSize): options.HiddenSize = 0; break;
            case nameof(ForecasterOptions.Dropout): options.Dropout = 1f; break;
            case nameof(ForecasterOptions.Quantiles): options.Quantiles = [0.1f, 1.5f]; break;
            case nameof(ForecasterOptions.SeasonalPeriod): options.SeasonalPeriod = 0; break;
            case nameof(ForecasterOptions.LearningRate): options.LearningRate = float.NaN; break;
            case nameof(ForecasterOptions.EnsembleSize): options.EnsembleSize = 0; break;
            case nameof(ForecasterOptions.ValidationTail): options.ValidationTail = -1; break;
        }

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Forecaster.Fit([TestSeries.Seasonal("s", 50)], options));
        Assert.Equal(option, e.ParamName);
        Assert.Contains($"ForecasterOptions.{option}", e.Message);
    }

    [Fact]
    public void DefaultOptionsNeedOnlyTheHorizon()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ForecasterOptions().Validate());
        Assert.Contains("Horizon must be at least 1", e.Message);
        new ForecasterOptions { Horizon = 1 }.Validate();
    }

    private static ModelLayout Layout(MissingValueHandling handling, int lookback, int horizon) => new()
    {
        Horizon = horizon,
        Lookback = lookback,
        Strategy = HorizonStrategy.Direct,
        Quantiles = [0.5f],
        SeasonalPeriod = 1,
        Deseasonalize = false,
        Log = false,
        Scaling = ScalingMethod.None,
        MissingValues = handling,
        ObservedFlag = handling == MissingValueHandling.Mask,
        PastCount = 0,
        FutureCount = 0,
        CalendarCount = 0,
        Step = null,
        CovariateOffsets = [],
        CovariateScales = [],
    };

    private static float[,] Future(float[,] covariates, int start, int rows) => DataTests.Column(rows, i => covariates[start + i, 0]);
}
