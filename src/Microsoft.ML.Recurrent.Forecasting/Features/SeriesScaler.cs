namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// The per-series affine scaling (x − <see cref="Offset"/>) / <see cref="Scale"/> applied after the optional log transform,
/// and its inverse. Statistics come from the observed training values of the series.
/// </summary>
internal readonly record struct SeriesScaler(bool Log, float Offset, float Scale)
{
    /// <summary>Computes the scaler of <paramref name="values"/> (NaN = missing); without an observed value it is NaN.</summary>
    public static SeriesScaler Fit(ReadOnlySpan<float> values, ScalingMethod method, bool log)
    {
        double sum = 0, sumAbs = 0, sumSquares = 0;
        int count = 0;
        foreach (float raw in values)
        {
            if (float.IsNaN(raw))
            {
                continue;
            }

            double v = log ? Math.Log(raw) : raw;
            sum += v;
            sumAbs += Math.Abs(v);
            sumSquares += v * v;
            count++;
        }

        double mean = sum / count;
        double deviation = Math.Sqrt(Math.Max(0, sumSquares / count - mean * mean));
        double meanAbs = sumAbs / count;
        return method switch
        {
            ScalingMethod.Standard => new SeriesScaler(log, (float)mean, Positive(deviation, Math.Abs(mean))),
            ScalingMethod.MeanAbsolute => new SeriesScaler(log, 0f, Positive(meanAbs, 1)),
            _ => new SeriesScaler(log, 0f, 1f),
        };
    }

    /// <summary>Transforms one raw value (NaN stays NaN).</summary>
    public float Apply(float raw) => ((Log ? MathF.Log(raw) : raw) - Offset) / Scale;

    /// <summary>Transforms a scaled value back to the original units.</summary>
    public float Invert(float scaled)
    {
        float z = scaled * Scale + Offset;
        return Log ? MathF.Exp(z) : z;
    }

    /// <summary>A usable divisor: <paramref name="value"/>, or a fallback for constant series (never 0).</summary>
    private static float Positive(double value, double magnitude) =>
        value > 1e-6 * Math.Max(1, magnitude) ? (float)value : (float)Math.Max(1e-3, 0.1 * magnitude);
}
