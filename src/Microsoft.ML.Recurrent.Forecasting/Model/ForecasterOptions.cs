using Microsoft.ML.Recurrent.Engine.Modules;

namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// Settings of <see cref="Forecaster.Fit"/>. Only <see cref="Horizon"/> is required; every other default is chosen to
/// forecast well out of the box (see each property).
/// </summary>
public class ForecasterOptions
{
    /// <summary>Largest <see cref="Horizon"/>: 5,000 steps.</summary>
    public const int MaxHorizon = 5000;

    /// <summary>Largest <see cref="LookbackWindow"/>: 10,000 steps.</summary>
    public const int MaxLookbackWindow = 10_000;

    /// <summary>Largest <see cref="SeasonalPeriod"/>: 100,000 steps.</summary>
    public const int MaxSeasonalPeriod = 100_000;

    /// <summary>Largest <see cref="EnsembleSize"/>: 100 networks.</summary>
    public const int MaxEnsembleSize = 100;

    /// <summary>Most <see cref="Quantiles"/> levels: 99.</summary>
    public const int MaxQuantiles = 99;

    /// <summary>Steps to forecast after the end of a history. Required, from 1 to <see cref="MaxHorizon"/>.</summary>
    public int Horizon { get; set; }

    /// <summary>Steps of history the network reads per forecast, at most <see cref="MaxLookbackWindow"/>. Default null: max(2·Horizon, 16).</summary>
    public int? LookbackWindow { get; set; }

    /// <summary>Recurrent cell. Default <see cref="RecurrentCellType.Lstm"/>.</summary>
    public RecurrentCellType Cell { get; set; } = RecurrentCellType.Lstm;

    /// <summary>
    /// Hidden units per recurrent layer, at most <see cref="SizeLimits.MaxHiddenSize"/>. Default 32: the normalised windows
    /// leave a small network little to learn.
    /// </summary>
    public int HiddenSize { get; set; } = 32;

    /// <summary>Stacked recurrent layers, at most <see cref="SizeLimits.MaxLayers"/>. Default 1.</summary>
    public int NumLayers { get; set; } = 1;

    /// <summary>Dropout between stacked layers while training, in [0, 1). Default 0.</summary>
    public float Dropout { get; set; }

    /// <summary>Direct multi-output (default) or recursive one-step forecasting.</summary>
    public HorizonStrategy HorizonStrategy { get; set; } = HorizonStrategy.Direct;

    /// <summary>Per-series scaling after the optional log transform. Default <see cref="ScalingMethod.Standard"/>.</summary>
    public ScalingMethod Scaling { get; set; } = ScalingMethod.Standard;

    /// <summary>Log transform of the target. Default <see cref="LogTransformMode.Auto"/> (only for positive, multiplicative series).</summary>
    public LogTransformMode LogTransform { get; set; } = LogTransformMode.Auto;

    /// <summary>Missing (NaN) targets: masked out of the loss (default) or interpolated.</summary>
    public MissingValueHandling MissingValues { get; set; } = MissingValueHandling.Mask;

    /// <summary>
    /// Quantile levels to forecast, each in (0, 1); 0.5 is added when absent (it is the point forecast), and the outermost
    /// levels are the interval bounds; at most <see cref="MaxQuantiles"/> levels. Default 0.1, 0.5, 0.9: an 80% interval.
    /// </summary>
    public IReadOnlyList<float> Quantiles { get; set; } = [0.1f, 0.5f, 0.9f];

    /// <summary>
    /// Season length in steps, at most <see cref="MaxSeasonalPeriod"/>; 1 means no seasonality. Default null: detected from the timestamps' step and the
    /// autocorrelation of the training data (for example 12 for monthly and 365 for daily data with a yearly cycle).
    /// </summary>
    public int? SeasonalPeriod { get; set; }

    /// <summary>
    /// Deseasonalise each window with causal seasonal indices (the mean of the last three detrended periods, weighted 1, 4, 9 towards the newest)
    /// before the network sees it, and add them back to the forecast. Applied only when those indices predict at least
    /// 40% of the next period's detrended variance on the training data (a weak or quasi-periodic season is left to the
    /// network). Default true.
    /// </summary>
    public bool SeasonalNormalization { get; set; } = true;

    /// <summary>Add calendar features (hour, day of week, day of year, month) generated from the timestamps as known future inputs. Default false.</summary>
    public bool CalendarFeatures { get; set; }

    /// <summary>Most passes over the training windows. Default 50 (the epoch search usually stops sooner).</summary>
    public int Epochs { get; set; } = 50;

    /// <summary>Windows per training batch, at most <see cref="SizeLimits.MaxBatchSize"/>. Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Adam learning rate. Default 0.003.</summary>
    public float LearningRate { get; set; } = 3e-3f;

    /// <summary>
    /// Last steps of every series used to choose the number of epochs: windows whose targets reach into them validate a
    /// first network, and the ensemble then trains on all windows for the best epoch count. 0 trains every member for
    /// <see cref="Epochs"/> without validation. Default null: <see cref="Horizon"/>.
    /// </summary>
    public int? ValidationTail { get; set; }

    /// <summary>Stop the epoch search after this many epochs without a better validation loss; 0 runs all <see cref="Epochs"/>. Default 10.</summary>
    public int EarlyStoppingPatience { get; set; } = 10;

    /// <summary>Seed of weights, dropout and shuffling; the same seed and thread count give the same model. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// Networks trained with different seeds whose quantile forecasts are averaged, at most <see cref="MaxEnsembleSize"/>. Default null: 10 when there are at
    /// most 1,000 training windows (small data, where averaging pays most and costs little), else 5.
    /// </summary>
    public int? EnsembleSize { get; set; }

    /// <summary>Called after every training epoch. Default null.</summary>
    public Action<ForecasterProgress>? Progress { get; set; }

    /// <summary>Lookback window in effect: <see cref="LookbackWindow"/>, or max(2·<see cref="Horizon"/>, 16).</summary>
    internal int ResolvedLookback => LookbackWindow ?? Math.Max(2 * Horizon, 16);

    /// <summary>Ensemble size in effect for <paramref name="windows"/> training windows.</summary>
    internal int ResolvedEnsembleSize(int windows) => EnsembleSize ?? (windows <= 1000 ? 10 : 5);

    /// <summary>Validation tail in effect.</summary>
    internal int ResolvedValidationTail => ValidationTail ?? Horizon;

    /// <summary>Checks every setting; the exception names the first invalid option and what it accepts.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        Require(Horizon is >= 1 and <= MaxHorizon, nameof(Horizon), Horizon, $"must be at least 1 (the number of steps to forecast) and at most {MaxHorizon:N0}");
        Require(LookbackWindow is null or (>= 1 and <= MaxLookbackWindow), nameof(LookbackWindow), LookbackWindow, $"must be at least 1 and at most {MaxLookbackWindow:N0}, or null for max(2·Horizon, 16)");
        Require(Enum.IsDefined(Cell), nameof(Cell), Cell, "must be Lstm or Gru");
        Require(HiddenSize is >= 1 and <= SizeLimits.MaxHiddenSize, nameof(HiddenSize), HiddenSize, $"must be at least 1 and at most {SizeLimits.MaxHiddenSize:N0}");
        Require(NumLayers is >= 1 and <= SizeLimits.MaxLayers, nameof(NumLayers), NumLayers, $"must be at least 1 and at most {SizeLimits.MaxLayers}");
        Require(Dropout is >= 0f and < 1f, nameof(Dropout), Dropout, "must be in [0, 1)");
        Require(Enum.IsDefined(HorizonStrategy), nameof(HorizonStrategy), HorizonStrategy, "must be Direct or Recursive");
        Require(Enum.IsDefined(Scaling), nameof(Scaling), Scaling, "must be Standard, MeanAbsolute or None");
        Require(Enum.IsDefined(LogTransform), nameof(LogTransform), LogTransform, "must be Auto, Always or Never");
        Require(Enum.IsDefined(MissingValues), nameof(MissingValues), MissingValues, "must be Mask or Interpolate");
        Require(Quantiles is { Count: > 0 and <= MaxQuantiles }, nameof(Quantiles), Quantiles?.Count, $"must list at least one level and at most {MaxQuantiles}");
        for (int i = 0; i < Quantiles!.Count; i++)
        {
            Require(Quantiles[i] is > 0f and < 1f, nameof(Quantiles), Quantiles[i], $"has a level at index {i} outside (0, 1)");
        }

        Require(
            SeasonalPeriod is null or (>= 1 and <= MaxSeasonalPeriod), nameof(SeasonalPeriod), SeasonalPeriod, $"must be at least 1 and at most {MaxSeasonalPeriod:N0} (1 = no seasonality), or null to detect it");
        Require(Epochs >= 1, nameof(Epochs), Epochs, "must be at least 1");
        Require(BatchSize is >= 1 and <= SizeLimits.MaxBatchSize, nameof(BatchSize), BatchSize, $"must be at least 1 and at most {SizeLimits.MaxBatchSize:N0}");
        Require(float.IsFinite(LearningRate) && LearningRate > 0f, nameof(LearningRate), LearningRate, "must be a positive finite number");
        Require(ValidationTail is null or >= 0, nameof(ValidationTail), ValidationTail, "must be at least 0 (0 = no validation), or null for Horizon");
        Require(EarlyStoppingPatience >= 0, nameof(EarlyStoppingPatience), EarlyStoppingPatience, "must be at least 0 (0 = no early stopping)");
        Require(
            EnsembleSize is null or (>= 1 and <= MaxEnsembleSize), nameof(EnsembleSize), EnsembleSize, $"must be at least 1 and at most {MaxEnsembleSize}, or null for 10 members on small data and 5 otherwise");
    }

    /// <summary>A copy with the same settings (the progress callback is shared).</summary>
    internal ForecasterOptions Clone()
    {
        var copy = (ForecasterOptions)MemberwiseClone();
        copy.Quantiles = Quantiles.ToArray();
        return copy;
    }

    private static void Require(bool condition, string option, object? value, string expectation)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(option, value, $"ForecasterOptions.{option} {expectation}; it is {value?.ToString() ?? "null"}.");
        }
    }
}
