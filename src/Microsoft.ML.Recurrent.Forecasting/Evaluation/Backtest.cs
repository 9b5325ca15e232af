namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// Rolling-origin evaluation: forecasts from several origins near the end of each series and scores them, and the naive
/// and seasonal naive baselines, against the actual values. Origins are <c>step</c> rows apart (default: the horizon, so
/// windows do not overlap); the last window ends at the last row.
/// </summary>
public static class Backtest
{
    /// <summary>
    /// Fits a forecaster on each series without its last (windows − 1)·step + horizon rows, then evaluates it from
    /// <paramref name="windows"/> origins with <see cref="Evaluate"/> (the model is not refitted between origins; each
    /// forecast reads the history up to its origin).
    /// </summary>
    /// <param name="series">The series (whole, including the evaluated rows).</param>
    /// <param name="options">Forecaster settings.</param>
    /// <param name="windows">Number of origins per series, ≥ 1.</param>
    /// <param name="step">Rows between origins; default the horizon.</param>
    /// <param name="seasonalPeriod">Period of the seasonal naive baseline and MASE; default the model's period.</param>
    public static BacktestResult Run(IReadOnlyList<TimeSeriesData> series, ForecasterOptions options, int windows, int? step = null, int? seasonalPeriod = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int held = HeldRows(options.Horizon, windows, step);
        var training = series.Select(s => s.Head(RequireRows(s, held, held + 1))).ToList();
        return Evaluate(Forecaster.Fit(training, options), series, windows, step, seasonalPeriod);
    }

    /// <summary>Evaluates a trained <paramref name="model"/> from the last <paramref name="windows"/> origins of each series.</summary>
    /// <exception cref="ArgumentException">A series is too short for the windows and the model's lookback; the message names it.</exception>
    public static BacktestResult Evaluate(Forecaster model, IReadOnlyList<TimeSeriesData> series, int windows, int? step = null, int? seasonalPeriod = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(series);
        int horizon = model.Horizon, every = step ?? horizon, period = seasonalPeriod ?? model.SeasonalPeriod;
        int held = HeldRows(horizon, windows, step);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1, nameof(seasonalPeriod));
        var results = new List<BacktestWindow>();
        foreach (var s in series)
        {
            RequireRows(s, held, held + model.LookbackWindow);
            for (int w = 0; w < windows; w++)
            {
                int origin = s.Length - horizon - (windows - 1 - w) * every;
                var history = s.Head(origin);
                var actual = s.Values.Skip(origin).Take(horizon).ToArray();
                var forecast = model.Predict(history, s.FutureRows(origin, horizon));
                results.Add(new BacktestWindow(
                    s.Id, origin, forecast,
                    ForecastMetrics.Compute(actual, forecast.Point, history.Values, period, forecast.Lower, forecast.Upper),
                    ForecastMetrics.Compute(actual, Baselines.Naive(history.Values, horizon), history.Values, period),
                    ForecastMetrics.Compute(actual, Baselines.SeasonalNaive(history.Values, horizon, period), history.Values, period)));
            }
        }

        return new BacktestResult(period, results);
    }

    private static int HeldRows(int horizon, int windows, int? step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windows, 1);
        if (step is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step between origins must be at least 1 row.");
        }

        return (windows - 1) * (step ?? horizon) + horizon;
    }

    private static int RequireRows(TimeSeriesData series, int held, int needed)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length < needed)
        {
            throw new ArgumentException(
                $"Series '{series.Id}' has {series.Length} rows, but the backtest holds out the last {held} and needs {needed} in all.", nameof(series));
        }

        return series.Length - held;
    }
}
