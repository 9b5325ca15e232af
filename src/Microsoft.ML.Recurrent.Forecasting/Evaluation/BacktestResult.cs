namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>One forecast origin of one series in a backtest: the model's forecast and every method's metrics.</summary>
/// <param name="SeriesId">The series.</param>
/// <param name="Origin">Row where the forecast starts: the history is rows [0, Origin), the actuals the next Horizon rows.</param>
/// <param name="Forecast">The model's forecast from this origin.</param>
/// <param name="Model">The model's metrics, with interval coverage.</param>
/// <param name="Naive">The naive baseline's metrics.</param>
/// <param name="SeasonalNaive">The seasonal naive baseline's metrics.</param>
public sealed record BacktestWindow(string SeriesId, int Origin, Forecast Forecast, ForecastMetrics Model, ForecastMetrics Naive, ForecastMetrics SeasonalNaive);

/// <summary>Rolling-origin backtest results: every window, and the mean metrics of the model and the baselines.</summary>
/// <param name="SeasonalPeriod">Period of the seasonal naive baseline and of the MASE scale.</param>
/// <param name="Windows">Each series' windows, oldest origin first.</param>
public sealed record BacktestResult(int SeasonalPeriod, IReadOnlyList<BacktestWindow> Windows)
{
    /// <summary>The model's metrics averaged over all windows.</summary>
    public ForecastMetrics Model => ForecastMetrics.Mean(Windows.Select(w => w.Model));

    /// <summary>The naive baseline's metrics averaged over all windows.</summary>
    public ForecastMetrics Naive => ForecastMetrics.Mean(Windows.Select(w => w.Naive));

    /// <summary>The seasonal naive baseline's metrics averaged over all windows.</summary>
    public ForecastMetrics SeasonalNaive => ForecastMetrics.Mean(Windows.Select(w => w.SeasonalNaive));
}
