namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// The window normalisation as matrices over the scaled values of a complete context (no missing value): the network's
/// value inputs and each output step's baseline (window level plus seasonal index) are linear in those values, so
/// running the prediction code itself (<see cref="SeriesFrame"/>, <see cref="SeasonalProfile"/>,
/// <see cref="WindowEncoder"/>) on each unit vector gives their columns. This is how the ONNX export reproduces the
/// causal seasonal indices and the level exactly without a second implementation.
/// </summary>
internal sealed class LinearWindowMaps
{
    public LinearWindowMaps(ModelLayout layout, SeasonalProfile? profile)
    {
        int context = layout.ContextLength, lookback = layout.Lookback, width = layout.InputWidth, outputs = layout.OutputSteps;
        int p = layout.PastCount, f = layout.FutureCount;
        var encoder = new WindowEncoder(layout);
        var identity = new SeriesScaler(false, 0f, 1f);
        Inputs = new float[context * lookback];
        Baselines = new float[context * outputs];
        var input = new float[lookback * width];
        var extras = new float[layout.ExtraWidth];
        for (int t = 0; t < context; t++)
        {
            var values = new float[context];
            values[t] = 1f;
            var series = RegularSeries.FromRows("basis", values, new float[context * p], p, new float[context * f], f, null, null);
            var frame = new SeriesFrame(series, layout, identity, profile, new float[layout.Horizon * f], layout.Horizon);
            var indices = new float[frame.SeasonalCycles > 0 ? profile!.Period : 0];
            if (indices.Length > 0)
            {
                profile!.Indices(frame.Values, frame.Observed, frame.Trend, context - 1, indices, new float[2 * indices.Length]);
            }

            float level = encoder.Encode(frame, context - 1, indices, input, extras);
            for (int i = 0; i < lookback; i++)
            {
                Inputs[t * lookback + i] = input[i * width];
            }

            for (int h = 0; h < outputs; h++)
            {
                Baselines[t * outputs + h] = level + encoder.SeasonalIndex(context + h, indices);
            }
        }
    }

    /// <summary>[ContextLength, Lookback]: scaled context values → the window's value inputs.</summary>
    public float[] Inputs { get; }

    /// <summary>[ContextLength, OutputSteps]: scaled context values → each output step's baseline, added to the network's outputs.</summary>
    public float[] Baselines { get; }
}
