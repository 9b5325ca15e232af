namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// A global recurrent forecaster: one LSTM/GRU model trained on windows of one or many series (keyed by id) that
/// forecasts quantiles of the next <see cref="Horizon"/> steps after any history. Windows are normalised per series
/// (log, scaling) and per window (causal seasonal indices and level), so one small network serves series of any level.
/// <see cref="Predict(TimeSeriesData, float[,])"/> is safe to call from several threads at once.
/// </summary>
public sealed partial class Forecaster
{
    private readonly ForecasterOptions options;
    private readonly ModelLayout layout;
    private readonly ForecastNetwork[] members;
    private readonly SeasonalProfile? profile;
    private readonly Dictionary<string, TrainedSeries> seriesById;
    private readonly EnsemblePredictor predictor;

    private Forecaster(ForecasterOptions options, ModelLayout layout, ForecastNetwork[] members, IReadOnlyList<TrainedSeries> series, int trainedEpochs)
    {
        this.options = options;
        this.layout = layout;
        this.members = members;
        profile = layout.Deseasonalize ? new SeasonalProfile(layout.SeasonalPeriod) : null;
        Series = series;
        seriesById = series.ToDictionary(s => s.Id, StringComparer.Ordinal);
        TrainedEpochs = trainedEpochs;
        predictor = new EnsemblePredictor(layout, members, profile);
    }

    /// <summary>How the model encodes windows and is shaped.</summary>
    internal ModelLayout Layout => layout;

    /// <summary>A copy of the options the model was trained with.</summary>
    public ForecasterOptions Options => options.Clone();

    /// <summary>Steps forecast.</summary>
    public int Horizon => layout.Horizon;

    /// <summary>Window length the network reads.</summary>
    public int LookbackWindow => layout.Lookback;

    /// <summary>Seasonal period in effect (given or detected; 1 = none).</summary>
    public int SeasonalPeriod => layout.SeasonalPeriod;

    /// <summary>
    /// Whether windows are deseasonalised: <see cref="ForecasterOptions.SeasonalNormalization"/> is on, the period exceeds 1
    /// and the causal seasonal indices proved predictive on the training data.
    /// </summary>
    public bool UsesSeasonalNormalization => layout.Deseasonalize;

    /// <summary>Whether targets are log-transformed (given or decided by <see cref="LogTransformMode.Auto"/>).</summary>
    public bool UsesLogTransform => layout.Log;

    /// <summary>Forecast quantile levels, ascending, including 0.5.</summary>
    public IReadOnlyList<float> Quantiles => layout.Quantiles;

    /// <summary>Rows of a history that a forecast reads (the latest ones): the window and the seasonal context.</summary>
    public int ContextLength => layout.ContextLength;

    /// <summary>Networks in the ensemble.</summary>
    public int EnsembleSize => members.Length;

    /// <summary>Epochs each ensemble member trained for.</summary>
    public int TrainedEpochs { get; }

    /// <summary>The training series, in training order.</summary>
    public IReadOnlyList<TrainedSeries> Series { get; }

    /// <summary>
    /// Forecasts the <see cref="Horizon"/> steps after the end of <paramref name="history"/>. A series seen in training
    /// (same id) keeps its training scaling; another series is scaled by its own recent values. Only the latest
    /// <see cref="ContextLength"/> rows are read.
    /// </summary>
    /// <param name="history">The series up to now, with the same covariate columns as in training.</param>
    /// <param name="futureCovariates">Future covariates of the forecast steps [Horizon, FutureCovariateCount]; required when the model has them.</param>
    /// <exception cref="ArgumentException">The history is too short, has the wrong covariates or irregular timestamps; the message says what was expected.</exception>
    public Forecast Predict(TimeSeriesData history, float[,]? futureCovariates = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        return Predict(RegularSeries.From(history, layout.Step), futureCovariates);
    }

    /// <summary>
    /// Creates a state that follows <paramref name="history"/> as new observations arrive and forecasts from the latest
    /// window without retraining (like ML.NET's TimeSeriesPredictionEngine with its checkpoints).
    /// </summary>
    public ForecastState CreateState(TimeSeriesData history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return CreateState(RegularSeries.From(history, layout.Step));
    }

    /// <summary>Creates a state following a history already on its grid.</summary>
    internal ForecastState CreateState(RegularSeries history)
    {
        RequireCovariates(history);
        return new ForecastState(this, history.Tail(layout.ContextLength));
    }

    /// <summary>Forecasts after a history already on its grid.</summary>
    internal Forecast Predict(RegularSeries history, float[,]? futureCovariates)
    {
        RequireCovariates(history);
        history.RequireTimeAfterEnd(layout.Horizon, nameof(history));
        if (layout.CalendarCount > 0 && history.Start is null)
        {
            throw new ArgumentException($"Series '{history.Id}' has no timestamps, but the model uses calendar features generated from them.", nameof(history));
        }

        var future = TimeSeriesData.Flatten(futureCovariates, layout.Horizon, history.Id, nameof(futureCovariates), out int columns);
        if (columns != layout.FutureCount || (layout.FutureCount > 0 && futureCovariates is null))
        {
            throw new ArgumentException(
                $"Series '{history.Id}': the model needs future covariates for the {layout.Horizon} forecast steps as a [{layout.Horizon}, {layout.FutureCount}] array, " +
                $"but {(futureCovariates is null ? "none were" : $"{columns} columns were")} given.",
                nameof(futureCovariates));
        }

        var tail = history.Tail(layout.ContextLength);
        if (tail.Length < layout.Lookback)
        {
            throw new ArgumentException(
                $"Series '{history.Id}' has {tail.Length} steps, but the model reads the last LookbackWindow = {layout.Lookback} steps; give a longer history.",
                nameof(history));
        }

        var scaler = seriesById.TryGetValue(history.Id, out var known) ? known.Scaler : FitScaler(tail, layout, options.Scaling);
        var frame = new SeriesFrame(tail, layout, scaler, profile, future, layout.Horizon);
        return predictor.Predict(frame, tail);
    }

    private void RequireCovariates(RegularSeries series)
    {
        if (series.PastCount != layout.PastCount || series.FutureCount != layout.FutureCount)
        {
            throw new ArgumentException(
                $"Series '{series.Id}' has {series.PastCount} past and {series.FutureCount} future covariate columns, " +
                $"but the model was trained with {layout.PastCount} and {layout.FutureCount}.",
                "history");
        }
    }

    /// <summary>
    /// The scaler of a series from its observed values (with none, the frame built next reports it); with a log
    /// transform every value must be positive.
    /// </summary>
    private static SeriesScaler FitScaler(RegularSeries series, ModelLayout layout, ScalingMethod scaling)
    {
        if (layout.Log && LogTransformDecision.FirstNonPositive(series.Values) is int row and >= 0)
        {
            throw new ArgumentException(
                $"Series '{series.Id}' has the value {series.Values[row]} at row {series.SourceRow(row)}, but the model log-transforms its target, which needs positive values.",
                "history");
        }

        return SeriesScaler.Fit(series.Values, scaling, layout.Log);
    }
}
