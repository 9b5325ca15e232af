namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// Everything resolved at fit time that fixes how windows are encoded and how the network is shaped: the options in
/// effect plus the detected period, the log decision, the covariate counts and their scaling, and the time step.
/// </summary>
internal sealed record ModelLayout
{
    /// <summary>Steps forecast.</summary>
    public required int Horizon { get; init; }

    /// <summary>Window length read by the network.</summary>
    public required int Lookback { get; init; }

    /// <summary>Direct or recursive.</summary>
    public required HorizonStrategy Strategy { get; init; }

    /// <summary>Sorted quantile levels, including 0.5.</summary>
    public required float[] Quantiles { get; init; }

    /// <summary>Season length (1 = none).</summary>
    public required int SeasonalPeriod { get; init; }

    /// <summary>Whether windows are deseasonalised (period &gt; 1 and the option on).</summary>
    public required bool Deseasonalize { get; init; }

    /// <summary>Whether targets are log-transformed.</summary>
    public required bool Log { get; init; }

    /// <summary>Per-series scaling method.</summary>
    public required ScalingMethod Scaling { get; init; }

    /// <summary>Masking or interpolation of missing targets.</summary>
    public required MissingValueHandling MissingValues { get; init; }

    /// <summary>Whether each input step carries an "observed" flag (masking, with missing values in the training data).</summary>
    public required bool ObservedFlag { get; init; }

    /// <summary>Past covariate columns.</summary>
    public required int PastCount { get; init; }

    /// <summary>Future covariate columns supplied by the user.</summary>
    public required int FutureCount { get; init; }

    /// <summary>Calendar feature columns generated from timestamps.</summary>
    public required int CalendarCount { get; init; }

    /// <summary>Time step of the training timestamps, or null without timestamps.</summary>
    public required TimeStep? Step { get; init; }

    /// <summary>Per-column (offset, scale) of the past covariates, then of the future covariates.</summary>
    public required float[] CovariateOffsets { get; init; }

    /// <summary>Per-column scale matching <see cref="CovariateOffsets"/>.</summary>
    public required float[] CovariateScales { get; init; }

    /// <summary>Network outputs per forecast: Horizon (direct) or 1 (recursive).</summary>
    public int OutputSteps => Strategy == HorizonStrategy.Direct ? Horizon : 1;

    /// <summary>Features known ahead per row: future covariates, then calendar features.</summary>
    public int KnownWidth => FutureCount + CalendarCount;

    /// <summary>Covariate features per row: past, then known.</summary>
    public int CovariateWidth => PastCount + KnownWidth;

    /// <summary>Features per input step: the normalised value, the optional observed flag, then the covariates.</summary>
    public int InputWidth => 1 + (ObservedFlag ? 1 : 0) + CovariateWidth;

    /// <summary>Known features of the forecast steps, fed to the output layer beside the last hidden state.</summary>
    public int ExtraWidth => OutputSteps * KnownWidth;

    /// <summary>Network outputs: one per forecast step and quantile.</summary>
    public int OutputWidth => OutputSteps * Quantiles.Length;

    /// <summary>
    /// Steps averaged into a window's level: one season when it fits in the window, else the horizon (at most the window).
    /// </summary>
    public int LevelWindow => SeasonalPeriod > 1 && SeasonalPeriod <= Lookback ? SeasonalPeriod : Math.Min(Horizon, Lookback);

    /// <summary>Index of the 0.5 level in <see cref="Quantiles"/>.</summary>
    public int MedianIndex => Array.IndexOf(Quantiles, 0.5f);

    /// <summary>
    /// Rows of history a forecast reads: the window, and when deseasonalising also the periods behind the indices and the
    /// moving average's reach.
    /// </summary>
    public int ContextLength => Deseasonalize
        ? Math.Max(Lookback, SeasonalProfile.MaxCycles * SeasonalPeriod + 2 * (SeasonalPeriod / 2))
        : Lookback;
}
