namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// Turns the window of a <see cref="SeriesFrame"/> that ends at a given row into network inputs, and its following rows
/// into targets, in the same units: each value minus its seasonal index and minus the window's level (the mean of the
/// last <see cref="ModelLayout.LevelWindow"/> deseasonalised values). Training and prediction share this code, so
/// both see identical encodings.
/// </summary>
internal sealed class WindowEncoder(ModelLayout layout)
{
    /// <summary>
    /// Writes the inputs [Lookback, InputWidth] of the window ending at row <paramref name="end"/> and the known
    /// features of the following output steps [ExtraWidth]; returns the window's level.
    /// </summary>
    /// <param name="frame">The series.</param>
    /// <param name="end">Last row of the window (≥ Lookback − 1).</param>
    /// <param name="indices">Seasonal indices by row mod period, or empty when the series is not deseasonalised.</param>
    /// <param name="input">Receives the inputs, row by row.</param>
    /// <param name="extras">Receives the known features of rows end+1 … end+OutputSteps.</param>
    public float Encode(SeriesFrame frame, int end, ReadOnlySpan<float> indices, Span<float> input, Span<float> extras)
    {
        int lookback = layout.Lookback, width = layout.InputWidth, covariates = layout.CovariateWidth;
        int start = end - lookback + 1, levelStart = end - layout.LevelWindow + 1;
        double levelSum = 0;
        for (int t = levelStart; t <= end; t++)
        {
            levelSum += Deseasonalized(frame, t, indices);
        }

        float level = (float)(levelSum / layout.LevelWindow);
        for (int i = 0; i < lookback; i++)
        {
            int t = start + i;
            var row = input.Slice(i * width, width);
            row[0] = Deseasonalized(frame, t, indices) - level;
            int at = 1;
            if (layout.ObservedFlag)
            {
                row[at++] = t >= frame.Length || frame.Observed[t] ? 1f : 0f;
            }

            frame.Covariates.AsSpan(t * covariates, covariates).CopyTo(row[at..]);
        }

        int known = layout.KnownWidth;
        for (int h = 0; h < layout.OutputSteps; h++)
        {
            frame.Covariates.AsSpan((end + 1 + h) * covariates + layout.PastCount, known).CopyTo(extras.Slice(h * known, known));
        }

        return level;
    }

    /// <summary>
    /// Writes the targets of the window ending at <paramref name="end"/> (the next OutputSteps values in the encoded
    /// units) and their loss weights (0 for a masked missing value); returns whether any weight is positive.
    /// </summary>
    public bool Targets(SeriesFrame frame, int end, float level, ReadOnlySpan<float> indices, Span<float> targets, Span<float> weights)
    {
        bool any = false;
        for (int h = 0; h < layout.OutputSteps; h++)
        {
            int t = end + 1 + h;
            targets[h] = Deseasonalized(frame, t, indices) - level;
            bool use = layout.MissingValues == MissingValueHandling.Interpolate || frame.Observed[t];
            weights[h] = use ? 1f : 0f;
            any |= use;
        }

        return any;
    }

    /// <summary>The seasonal index of row <paramref name="t"/> (0 without indices).</summary>
    public float SeasonalIndex(int t, ReadOnlySpan<float> indices) => indices.IsEmpty ? 0f : indices[t % indices.Length];

    private float Deseasonalized(SeriesFrame frame, int t, ReadOnlySpan<float> indices) => frame.Values[t] - SeasonalIndex(t, indices);
}
