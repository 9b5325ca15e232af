namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// One series in the model's units: transformed, scaled and interpolated values (with room for recursively predicted
/// steps), which values were observed, scaled covariates per row (known features also for the forecast steps) and the
/// detrended values behind the seasonal indices.
/// </summary>
internal sealed class SeriesFrame
{
    /// <summary>Builds the frame of <paramref name="series"/>.</summary>
    /// <param name="series">The history on its grid.</param>
    /// <param name="layout">The model's encoding.</param>
    /// <param name="scaler">The series' scaler.</param>
    /// <param name="profile">Seasonal profile, or null without deseasonalisation.</param>
    /// <param name="horizonFuture">Future covariates of the forecast steps [Horizon, FutureCount], or empty when training.</param>
    /// <param name="extraRows">Rows after the history to make room for (the horizon when predicting, 0 when training).</param>
    public SeriesFrame(RegularSeries series, ModelLayout layout, SeriesScaler scaler, SeasonalProfile? profile, ReadOnlySpan<float> horizonFuture, int extraRows)
    {
        Id = series.Id;
        Length = series.Length;
        Scaler = scaler;
        int n = Length;
        Values = new float[n + extraRows];
        Observed = new bool[n];
        for (int t = 0; t < n; t++)
        {
            float raw = series.Values[t];
            Observed[t] = !float.IsNaN(raw);
            Values[t] = Observed[t] ? scaler.Apply(raw) : float.NaN;
        }

        if (!Interpolation.Fill(Values.AsSpan(0, n)))
        {
            throw new ArgumentException($"Series '{Id}' has no observed values; at least one value must not be NaN.", "series");
        }

        AnyMissing = Array.IndexOf(Observed, false) >= 0;
        int width = layout.CovariateWidth, p = layout.PastCount, f = layout.FutureCount;
        Covariates = new float[(n + extraRows) * width];
        for (int t = 0; t < n + extraRows; t++)
        {
            var row = Covariates.AsSpan(t * width, width);
            if (t < n)
            {
                ScaleInto(series.Past.AsSpan(t * p, p), layout, 0, row[..p]);
                ScaleInto(series.Future.AsSpan(t * f, f), layout, p, row.Slice(p, f));
            }
            else
            {
                ScaleInto(horizonFuture.Slice((t - n) * f, f), layout, p, row.Slice(p, f));
            }

            if (layout.CalendarCount > 0)
            {
                CalendarFeatures.Write(series.TimeAt(t)!.Value, layout.Step!.Value, row[(p + f)..]);
            }
        }

        if (profile is not null)
        {
            SeasonalCycles = Math.Min(SeasonalProfile.MaxCycles, profile.CyclesKnown(n));
            Trend = SeasonalCycles > 0 ? profile.Trend(Values.AsSpan(0, n)) : null;
        }
    }

    /// <summary>Series id.</summary>
    public string Id { get; }

    /// <summary>Rows of history.</summary>
    public int Length { get; }

    /// <summary>The series' scaler.</summary>
    public SeriesScaler Scaler { get; }

    /// <summary>Scaled, interpolated values; rows after <see cref="Length"/> hold recursively predicted values.</summary>
    public float[] Values { get; }

    /// <summary>Whether each history value was observed.</summary>
    public bool[] Observed { get; }

    /// <summary>Whether any history value is missing.</summary>
    public bool AnyMissing { get; }

    /// <summary>Scaled covariates, row-major [rows, CovariateWidth]: past, future, calendar.</summary>
    public float[] Covariates { get; }

    /// <summary>Centred moving average behind the seasonal indices, or null when the series is not deseasonalised.</summary>
    public float[]? Trend { get; }

    /// <summary>Whole periods the indices average at the end of the history (0 = not deseasonalised).</summary>
    public int SeasonalCycles { get; }

    private static void ScaleInto(ReadOnlySpan<float> raw, ModelLayout layout, int offset, Span<float> destination)
    {
        for (int c = 0; c < raw.Length; c++)
        {
            destination[c] = (raw[c] - layout.CovariateOffsets[offset + c]) / layout.CovariateScales[offset + c];
        }
    }
}
