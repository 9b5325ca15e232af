namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// The linear parts of the window normalisation as matrices, for the ONNX export: given the interpolated scaled context
/// values v (followed, when forecasting recursively, by the medians forecast so far) and the seasonal indices s, the
/// network's value inputs are v·<see cref="ValueInputs"/> + s·<see cref="IndexInputs"/> and the output steps' baselines
/// (level plus seasonal index) v·<see cref="ValueBaselines"/> + s·<see cref="IndexBaselines"/>;
/// the indices are the observed-weighted phase means of v minus its trend (<see cref="Trend"/>, <see cref="PhaseWeights"/>)
/// mapped through <see cref="Smoothing"/>. Every matrix is obtained by running the prediction code itself
/// (<see cref="WindowEncoder"/>, <see cref="SeasonalProfile"/>) on unit vectors, so nothing is implemented twice.
/// </summary>
internal sealed class LinearWindowMaps
{
    public LinearWindowMaps(ModelLayout layout, SeasonalProfile? profile)
    {
        int context = Context = layout.ContextLength;
        Period = profile?.Period ?? 0;
        Steps = layout.Strategy == HorizonStrategy.Recursive ? layout.Horizon : 1;
        ValueInputs = new float[Steps][];
        ValueBaselines = new float[Steps][];
        IndexInputs = new float[Steps][];
        IndexBaselines = new float[Steps][];
        for (int k = 0; k < Steps; k++)
        {
            ValueInputs[k] = new float[(context + k) * layout.Lookback];
            ValueBaselines[k] = new float[(context + k) * layout.OutputSteps];
            for (int t = 0; t < context + k; t++)
            {
                Encode(layout, k, t, [], ValueInputs[k], ValueBaselines[k], t);
            }

            IndexInputs[k] = new float[Period * layout.Lookback];
            IndexBaselines[k] = new float[Period * layout.OutputSteps];
            for (int p = 0; p < Period; p++)
            {
                var indices = new float[Period];
                indices[p] = 1f;
                Encode(layout, k, -1, indices, IndexInputs[k], IndexBaselines[k], p);
            }
        }

        if (profile is null)
        {
            return;
        }

        int m = Period, cycles = SeasonalProfile.MaxCycles;
        var zeros = new float[context];

        // The indices at the end of the context read the detrended values of the last MaxCycles periods before the trend's reach.
        PhaseStart = context - profile.Reach - cycles * m;
        Trend = new float[context * cycles * m];
        for (int t = 0; t < context; t++)
        {
            var values = new float[context];
            values[t] = 1f;
            var trend = profile.Trend(values);
            for (int u = 0; u < cycles * m; u++)
            {
                Trend[t * cycles * m + u] = trend[PhaseStart + u];
            }
        }

        PhaseWeights = new float[cycles * m * m];
        Smoothing = new float[m * m];
        var observed = Enumerable.Repeat(true, context).ToArray();
        for (int p = 0; p < m; p++)
        {
            var values = new float[context];
            for (int u = 0; u < cycles * m; u++)
            {
                if ((PhaseStart + u) % m == p)
                {
                    int cycle = 1 + u / m;
                    PhaseWeights[u * m + p] = cycle * cycle;
                    values[PhaseStart + u] = 1f;
                }
            }

            var smoothed = new float[m];
            profile.Indices(values, observed, zeros, context - 1, smoothed, new float[2 * m]);
            smoothed.CopyTo(Smoothing, p * m);
        }
    }

    /// <summary>Context rows the maps read (the forecaster's ContextLength).</summary>
    public int Context { get; }

    /// <summary>Season length, or 0 without deseasonalisation.</summary>
    public int Period { get; }

    /// <summary>Network runs per forecast: 1 (direct), or Horizon (recursive: step k also reads the k values forecast before it).</summary>
    public int Steps { get; }

    /// <summary>Per step k, [ContextLength + k, Lookback]: interpolated scaled values, then the k forecast medians → value inputs.</summary>
    public float[][] ValueInputs { get; }

    /// <summary>Per step k, [ContextLength + k, OutputSteps]: the same values → baselines.</summary>
    public float[][] ValueBaselines { get; }

    /// <summary>Per step, [Period, Lookback]: seasonal indices → value inputs (empty without deseasonalisation).</summary>
    public float[][] IndexInputs { get; }

    /// <summary>Per step, [Period, OutputSteps]: seasonal indices → baselines.</summary>
    public float[][] IndexBaselines { get; }

    /// <summary>First context row whose detrended value enters the indices.</summary>
    public int PhaseStart { get; }

    /// <summary>[ContextLength, MaxCycles·Period]: interpolated scaled values → the trend at rows PhaseStart onwards.</summary>
    public float[]? Trend { get; }

    /// <summary>[MaxCycles·Period, Period]: the weight (1, 4, 9 from the oldest cycle) of each of those rows in its phase's mean.</summary>
    public float[]? PhaseWeights { get; }

    /// <summary>[Period, Period]: phase means → indices (centred, and for long periods projected on the first harmonics).</summary>
    public float[]? Smoothing { get; }

    /// <summary>
    /// Runs the window encoder for step <paramref name="step"/> on a frame whose only non-zero value is a 1 at row
    /// <paramref name="position"/> (none when negative), with <paramref name="indices"/>; writes row <paramref name="row"/> of both maps.
    /// </summary>
    private static void Encode(ModelLayout layout, int step, int position, float[] indices, float[] inputs, float[] baselines, int row)
    {
        int context = layout.ContextLength, p = layout.PastCount, f = layout.FutureCount, lookback = layout.Lookback, end = context - 1 + step;
        var encoder = new WindowEncoder(layout);
        // Any time will do: calendar features enter other input columns than the values read here.
        DateTime? start = layout.Step is null ? null : new DateTime(2000, 1, 1);
        var series = RegularSeries.FromRows("basis", new float[context], new float[context * p], p, new float[context * f], f, start, layout.Step);
        var frame = new SeriesFrame(series, layout, new SeriesScaler(false, 0f, 1f), null, new float[layout.Horizon * f], layout.Horizon);
        if (position >= 0)
        {
            frame.Values[position] = 1f;
        }

        var input = new float[lookback * layout.InputWidth];
        float level = encoder.Encode(frame, end, indices, input, new float[layout.ExtraWidth]);
        for (int i = 0; i < lookback; i++)
        {
            inputs[row * lookback + i] = input[i * layout.InputWidth];
        }

        for (int h = 0; h < layout.OutputSteps; h++)
        {
            baselines[row * layout.OutputSteps + h] = level + encoder.SeasonalIndex(end + 1 + h, indices);
        }
    }
}
