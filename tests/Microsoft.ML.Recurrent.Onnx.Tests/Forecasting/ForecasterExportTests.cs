using Microsoft.ML.Recurrent.Forecasting;
using Xunit.Abstractions;

namespace Microsoft.ML.Recurrent.Onnx.Tests.Forecasting;

/// <summary>
/// Forecasters trained briefly on real series and exported to ONNX give <see cref="Forecaster.Predict(TimeSeriesData, float[,])"/>'s
/// quantiles in ONNX Runtime for rolling windows of the series, at batch 1 and 64, with the training series' scaling and
/// with the window's own scaling (an unseen series); temperature windows with the PM2.5 column's missing hours exercise the interpolation, the
/// observed flags and the observed-only seasonal indices. Differences are measured relative to max(1, |forecast|): float32
/// resolves about seven digits, so for series in the hundreds or thousands 1e-4 in absolute terms is below one ulp.
/// </summary>
public sealed class ForecasterExportTests(ITestOutputHelper output) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("onnx-forecaster-").FullName;

    [Theory]
    [InlineData("airline")]
    [InlineData("airline-recursive")]
    [InlineData("temperatures")]
    [InlineData("beijing")]
    [InlineData("temperature-missing")]
    public void ExportedForecasterMatchesPredict(string dataset)
    {
        var (training, series, options, windows) = Setup(dataset);
        var model = Forecaster.Fit([training], options);
        string path = Path.Combine(directory, dataset + ".onnx");
        model.ExportOnnx(path);
        int context = model.ContextLength, horizon = model.Horizon, q = model.Quantiles.Count;
        var trained = model.Series[0];

        // Every window twice: as the training series (its scaling) and as an unseen series (scaled by the window).
        var cases = new List<Case>();
        foreach (int end in windows.Where(e => series.Values.Skip(e - context + 1).Take(context).Any(v => !float.IsNaN(v))))
        {
            foreach (bool known in new[] { true, false })
            {
                var history = Window(series, end - context + 1, end + 1, known ? series.Id : "unseen");
                float[,]? future = series.FutureCovariateCount > 0 ? Rows(series, end + 1, end + 1 + horizon, past: false) : null;
                var forecast = model.Predict(history, future);
                var expected = new float[horizon * q];
                for (int h = 0; h < horizon; h++)
                {
                    for (int k = 0; k < q; k++)
                    {
                        expected[h * q + k] = forecast.Quantile(model.Quantiles[k])[h];
                    }
                }

                cases.Add(new Case(
                    series.Values.Skip(end - context + 1).Take(context).ToArray(),
                    known ? trained.ScaleOffset : 0f,
                    known ? trained.ScaleFactor : float.NaN,
                    series.PastCovariateCount > 0 ? Flat(Rows(series, end - context + 1, end + 1, past: true)) : null,
                    future is null ? null : Flat(Rows(series, end - context + 1, end + 1 + horizon, past: false)),
                    expected,
                    forecast.Point.ToArray(),
                    series.Timestamps![end - context + 1].Ticks));
            }
        }

        using var runner = new OnnxRunner(path);
        double single = 0, batched = 0, absolute = 0;
        foreach (var chunk in cases.Chunk(1))
        {
            single = Math.Max(single, Compare(runner, chunk, model, ref absolute));
        }

        foreach (var chunk in cases.Chunk(64))
        {
            batched = Math.Max(batched, Compare(runner, chunk, model, ref absolute));
        }

        if (dataset.Contains("missing"))
        {
            // A window without any observed value has no forecast (Predict throws): the graph returns NaN.
            var empty = cases[0] with { Values = Enumerable.Repeat(float.NaN, context).ToArray(), Scale = float.NaN };
            var result = runner.Run(
                (Forecaster.OnnxValuesInput, empty.Values, [1, context]), (Forecaster.OnnxScaleOffsetInput, new[] { 0f }, [1]), (Forecaster.OnnxScaleFactorInput, new[] { float.NaN }, [1]));
            Assert.All(result[Forecaster.OnnxForecastOutput], v => Assert.True(float.IsNaN(v)));
            Assert.Contains(cases, c => c.Values.Any(float.IsNaN));
        }

        output.WriteLine($"{dataset}: {cases.Count} windows (context {context}, period {model.SeasonalPeriod}, seasonal {model.UsesSeasonalNormalization}, log {model.UsesLogTransform}, calendar {model.Options.CalendarFeatures}); " +
            $"max |ONNX Runtime - ours| / max(1, |ours|): batch 1 {single:E2}, batch 64 {batched:E2}; max absolute {absolute:E2}");
        Assert.True(single <= Tolerance.MaxAbsoluteDifference, $"batch 1: {single}");
        Assert.True(batched <= Tolerance.MaxAbsoluteDifference, $"batch 64: {batched}");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>The largest difference relative to max(1, |ours|) over the cases' quantiles and point forecasts.</summary>
    private static double Compare(OnnxRunner runner, Case[] cases, Forecaster model, ref double absolute)
    {
        int n = cases.Length, context = model.ContextLength, horizon = model.Horizon;
        var inputs = new List<(string, object, int[])>
        {
            (Forecaster.OnnxValuesInput, cases.SelectMany(c => c.Values).ToArray(), [n, context]),
            (Forecaster.OnnxScaleOffsetInput, cases.Select(c => c.Offset).ToArray(), [n]),
            (Forecaster.OnnxScaleFactorInput, cases.Select(c => c.Scale).ToArray(), [n]),
        };
        if (cases[0].Past is { } past)
        {
            inputs.Add((Forecaster.OnnxPastCovariatesInput, cases.SelectMany(c => c.Past!).ToArray(), [n, context, past.Length / context]));
        }

        if (cases[0].Future is { } future)
        {
            inputs.Add((Forecaster.OnnxFutureCovariatesInput, cases.SelectMany(c => c.Future!).ToArray(), [n, context + horizon, future.Length / (context + horizon)]));
        }

        if (model.Options.CalendarFeatures)
        {
            inputs.Add((Forecaster.OnnxStartTimeInput, cases.Select(c => c.StartTicks).ToArray(), [n]));
        }

        var result = runner.Run(inputs.ToArray());
        double max = 0;
        for (int i = 0; i < n; i++)
        {
            var quantiles = result[Forecaster.OnnxQuantilesOutput].AsSpan(i * cases[i].Quantiles.Length, cases[i].Quantiles.Length);
            var point = result[Forecaster.OnnxForecastOutput].AsSpan(i * horizon, horizon);
            max = Math.Max(max, Math.Max(Relative(cases[i].Quantiles, quantiles), Relative(cases[i].Point, point)));
            absolute = Math.Max(absolute, Math.Max(Tolerance.MaxDifference(cases[i].Quantiles, quantiles), Tolerance.MaxDifference(cases[i].Point, point)));
        }

        return max;
    }

    private static double Relative(float[] expected, ReadOnlySpan<float> actual)
    {
        double max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            max = Math.Max(max, Math.Abs(expected[i] - actual[i]) / Math.Max(1, Math.Abs(expected[i])));
        }

        return max;
    }

    private static (TimeSeriesData Training, TimeSeriesData Series, ForecasterOptions Options, int[] WindowEnds) Setup(string dataset)
    {
        switch (dataset)
        {
            case "airline":
            case "airline-recursive":
            {
                var (times, values) = RealData.AirlinePassengers;
                var options = new ForecasterOptions { Horizon = 12, EnsembleSize = 3, Epochs = 5, HiddenSize = 16 };
                options.HorizonStrategy = dataset.EndsWith("recursive", StringComparison.Ordinal) ? HorizonStrategy.Recursive : HorizonStrategy.Direct;
                options.CalendarFeatures = options.HorizonStrategy == HorizonStrategy.Recursive;
                var series = new TimeSeriesData("airline", values, times);
                return (series, series, options, Enumerable.Range(47, values.Length - 47).ToArray());
            }

            case "temperatures":
            {
                var (times, values) = RealData.DailyMinimumTemperatures;
                var options = new ForecasterOptions
                {
                    Horizon = 7, Cell = RecurrentCellType.Gru, NumLayers = 2, HiddenSize = 16, EnsembleSize = 2, Epochs = 2,
                    Scaling = ScalingMethod.MeanAbsolute, Quantiles = [0.05f, 0.25f, 0.75f, 0.95f], CalendarFeatures = true,
                };
                var series = new TimeSeriesData("melbourne", values, times);
                return (series, series, options, Enumerable.Range(0, 250).Select(i => values.Length - 1 - 2 * i).ToArray());
            }

            case "temperature-missing":
            {
                // Beijing temperatures, missing wherever the file's PM2.5 reading is missing (its real gaps, up to a day long).
                var (times, temperature, _, _, pm25) = RealData.BeijingWeather;
                var values = temperature.Select((t, i) => float.IsNaN(pm25[i]) ? float.NaN : t).ToArray();
                var options = new ForecasterOptions { Horizon = 6, HiddenSize = 16, EnsembleSize = 2, Epochs = 2, LogTransform = LogTransformMode.Never };
                var series = new TimeSeriesData("beijing-gaps", values, times);
                return (series, series, options, Enumerable.Range(0, 250).Select(i => values.Length - 1 - 11 * i).ToArray());
            }

            default:
            {
                var (times, temperature, past, hour, _) = RealData.BeijingWeather;
                var options = new ForecasterOptions { Horizon = 6, HiddenSize = 16, EnsembleSize = 2, Epochs = 2, LogTransform = LogTransformMode.Never, CalendarFeatures = true };
                var training = new TimeSeriesData("beijing", temperature[..2800], times[..2800], Slice(past, 2800), Slice(hour, 2800));
                var series = new TimeSeriesData("beijing", temperature, times, past, hour);
                return (training, series, options, Enumerable.Range(0, 250).Select(i => 2800 - 1 - 7 * i).ToArray());
            }
        }
    }

    private static TimeSeriesData Window(TimeSeriesData series, int start, int end, string id)
    {
        var times = series.Timestamps!.Skip(start).Take(end - start).ToArray();
        return new TimeSeriesData(
            id, series.Values.Skip(start).Take(end - start).ToArray(), times,
            series.PastCovariateCount > 0 ? Rows(series, start, end, past: true) : null,
            series.FutureCovariateCount > 0 ? Rows(series, start, end, past: false) : null);
    }

    private static float[,] Rows(TimeSeriesData series, int start, int end, bool past) =>
        Slice(past ? series.GetPastCovariates() : series.GetFutureCovariates(), end, start);

    private static float[,] Slice(float[,] rows, int end, int start = 0)
    {
        int columns = rows.GetLength(1);
        var result = new float[end - start, columns];
        for (int r = start; r < end; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                result[r - start, c] = rows[r, c];
            }
        }

        return result;
    }

    private static float[] Flat(float[,] rows) => rows.Cast<float>().ToArray();

    private sealed record Case(float[] Values, float Offset, float Scale, float[]? Past, float[]? Future, float[] Quantiles, float[] Point, long StartTicks);
}
