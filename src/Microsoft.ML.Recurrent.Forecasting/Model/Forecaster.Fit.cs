namespace Microsoft.ML.Recurrent.Forecasting;

public sealed partial class Forecaster
{
    /// <summary>
    /// Trains one global model on <paramref name="series"/> (at least one; ids must be unique). Every series needs the
    /// same covariate columns; when timestamps are given they must share one regular step.
    /// </summary>
    /// <param name="series">The training series.</param>
    /// <param name="options">Settings; only <see cref="ForecasterOptions.Horizon"/> is required.</param>
    /// <exception cref="ArgumentException">An option or a series is invalid; the message names it and says what was expected.</exception>
    public static Forecaster Fit(IReadOnlyList<TimeSeriesData> series, ForecasterOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        options = options.Clone();
        var regular = Regularize(series, options);
        var layout = ResolveLayout(regular, options);
        var profile = layout.Deseasonalize ? new SeasonalProfile(layout.SeasonalPeriod) : null;
        var scalers = regular.Select(s => SeriesScaler.Fit(s.Values, options.Scaling, layout.Log)).ToArray();
        var frames = regular.Select((s, i) => new SeriesFrame(s, layout, scalers[i], profile, [], 0)).ToArray();
        if (profile is not null && profile.Strength(frames) < SeasonalProfile.MinimumStrength)
        {
            layout = layout with { Deseasonalize = false };
            profile = null;
        }

        var windows = TrainingWindows.Build(frames, layout, profile, options.ResolvedValidationTail);
        var (members, epochs) = new EnsembleTrainer(windows, options).Train();
        var trained = regular.Select((s, i) => new TrainedSeries(s.Id, s.Length, s.Start, s.TimeAt(s.Length - 1), scalers[i])).ToArray();
        return new Forecaster(options, layout, members, trained, epochs);
    }

    /// <summary>Checks the training series against each other and puts each on its timestamp grid.</summary>
    private static RegularSeries[] Regularize(IReadOnlyList<TimeSeriesData> series, ForecasterOptions options)
    {
        if (series.Count == 0)
        {
            throw new ArgumentException("Parameter 'series' is empty; training needs at least one series.", nameof(series));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var regular = new RegularSeries[series.Count];
        for (int i = 0; i < series.Count; i++)
        {
            var s = series[i] ?? throw new ArgumentException($"Parameter 'series' has a null entry at index {i}.", nameof(series));
            if (!ids.Add(s.Id))
            {
                throw new ArgumentException($"Series id '{s.Id}' appears more than once (again at index {i}); ids must be unique.", nameof(series));
            }

            if (s.PastCovariateCount != series[0].PastCovariateCount || s.FutureCovariateCount != series[0].FutureCovariateCount)
            {
                throw new ArgumentException(
                    $"Series '{s.Id}' has {s.PastCovariateCount} past and {s.FutureCovariateCount} future covariate columns, but series '{series[0].Id}' has " +
                    $"{series[0].PastCovariateCount} and {series[0].FutureCovariateCount}; every series needs the same columns.",
                    nameof(series));
            }

            if (options.CalendarFeatures && s.Timestamps is null)
            {
                throw new ArgumentException($"Series '{s.Id}' has no timestamps, but CalendarFeatures needs them to generate calendar features.", nameof(series));
            }

            regular[i] = RegularSeries.From(s, null);
            regular[i].RequireTimeAfterEnd(options.Horizon, nameof(series));
            if (regular[i].Step is { } step && regular.Take(i).FirstOrDefault(r => r.Step is not null && r.Step != step) is { } other)
            {
                throw new ArgumentException(
                    $"Series '{s.Id}' has timestamps {step} apart, but series '{other.Id}' has {other.Step}; one model needs one time step.", nameof(series));
            }
        }

        if (options.HorizonStrategy == HorizonStrategy.Recursive && series[0].PastCovariateCount > 0)
        {
            throw new ArgumentException(
                "HorizonStrategy = Recursive cannot use past covariates: they are unknown beyond the history. Use Direct, or pass them as future covariates if they are known ahead.",
                nameof(options));
        }

        return regular;
    }

    /// <summary>Resolves the detected period, log decision and covariate scaling into the model's layout.</summary>
    private static ModelLayout ResolveLayout(RegularSeries[] regular, ForecasterOptions options)
    {
        var step = regular.Select(r => r.Step).FirstOrDefault(s => s is not null);
        int period = options.SeasonalPeriod ?? SeasonalityDetector.Detect(regular.Select(Filled).ToArray(), step);
        int calendar = options.CalendarFeatures && step is { } s ? CalendarFeatures.Count(s) : 0;
        if (options.CalendarFeatures && step is null)
        {
            throw new ArgumentException("CalendarFeatures needs a time step, but no series has two or more timestamps.", nameof(options));
        }

        var (offsets, scales) = CovariateScaling(regular);
        var quantiles = options.Quantiles.Append(0.5f).Distinct().Order().ToArray();
        var layout = new ModelLayout
        {
            Horizon = options.Horizon,
            Lookback = options.ResolvedLookback,
            Strategy = options.HorizonStrategy,
            Quantiles = quantiles,
            SeasonalPeriod = period,
            Deseasonalize = options.SeasonalNormalization && period > 1,
            Log = LogTransformDecision.Resolve(options.LogTransform, regular, period),
            Scaling = options.Scaling,
            MissingValues = options.MissingValues,
            ObservedFlag = options.MissingValues == MissingValueHandling.Mask && regular.Any(r => r.Values.Any(float.IsNaN)),
            PastCount = regular[0].PastCount,
            FutureCount = regular[0].FutureCount,
            CalendarCount = calendar,
            Step = step,
            CovariateOffsets = offsets,
            CovariateScales = scales,
        };
        long headWeights = (long)(options.HiddenSize + layout.ExtraWidth) * layout.OutputWidth;
        if (headWeights > Array.MaxLength)
        {
            throw new ArgumentException(
                $"Horizon {layout.Horizon:N0} with {quantiles.Length} quantile levels and {layout.KnownWidth} known features per step needs an output layer of " +
                $"{headWeights:N0} weights, more than an array holds ({Array.MaxLength:N0}); lower Horizon, use fewer Quantiles or future covariates, or HorizonStrategy.Recursive.",
                nameof(options.Horizon));
        }

        return layout;
    }

    /// <summary>Mean and standard deviation of every covariate column over all training rows (past columns first).</summary>
    private static (float[] Offsets, float[] Scales) CovariateScaling(RegularSeries[] regular)
    {
        int p = regular[0].PastCount, f = regular[0].FutureCount;
        var offsets = new float[p + f];
        var scales = new float[p + f];
        for (int c = 0; c < p + f; c++)
        {
            double sum = 0, squares = 0;
            long count = 0;
            foreach (var r in regular)
            {
                var (matrix, columns, column) = c < p ? (r.Past, p, c) : (r.Future, f, c - p);
                for (int row = 0; row < r.Length; row++)
                {
                    double v = matrix[row * columns + column];
                    sum += v;
                    squares += v * v;
                    count++;
                }
            }

            double mean = sum / count, deviation = Math.Sqrt(Math.Max(0, squares / count - mean * mean));
            offsets[c] = (float)mean;
            scales[c] = deviation > 1e-6 ? (float)deviation : 1f;
        }

        return (offsets, scales);
    }

    private static float[] Filled(RegularSeries series)
    {
        var values = series.Values.ToArray();
        Interpolation.Fill(values);
        return values;
    }
}
