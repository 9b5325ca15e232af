using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// Runs the ensemble on the window at the end of a history: directly (one forward per member) or recursively (one
/// step at a time, feeding each member's median back), averages the members' quantiles, sorts them so they never
/// cross, and maps them back to the series' units. All state is local to the call, so calls may run concurrently.
/// </summary>
internal sealed class EnsemblePredictor(ModelLayout layout, ForecastNetwork[] members, SeasonalProfile? profile)
{
    private readonly WindowEncoder encoder = new(layout);

    /// <summary>Forecasts the horizon after <paramref name="frame"/>'s history.</summary>
    public Forecast Predict(SeriesFrame frame, RegularSeries history)
    {
        int n = frame.Length, horizon = layout.Horizon, q = layout.Quantiles.Length, outputs = layout.OutputSteps;
        var indices = new float[frame.SeasonalCycles > 0 ? profile!.Period : 0];
        if (indices.Length > 0)
        {
            profile!.Indices(frame.Values, frame.Observed, frame.Trend, n - 1, indices, new float[2 * indices.Length]);
        }

        var input = new Tensor(layout.Lookback, 1, layout.InputWidth);
        var extras = new float[layout.ExtraWidth];
        var sums = new double[horizon * q];
        foreach (var member in members)
        {
            for (int step = 0; step < horizon; step += outputs)
            {
                int end = n - 1 + step;
                float level = encoder.Encode(frame, end, indices, input.Span, extras);
                var output = member.Forward(input, extras).Values;
                for (int h = 0; h < outputs; h++)
                {
                    float baseline = level + encoder.SeasonalIndex(end + 1 + h, indices);
                    for (int k = 0; k < q; k++)
                    {
                        sums[(step + h) * q + k] += output[h * q + k] + baseline;
                    }

                    if (outputs == 1)
                    {
                        // Recursive: this member's median becomes the next input.
                        frame.Values[end + 1] = output[layout.MedianIndex] + baseline;
                    }
                }
            }
        }

        var values = new float[q][];
        for (int k = 0; k < q; k++)
        {
            values[k] = new float[horizon];
        }

        Span<float> sorted = stackalloc float[q];
        for (int h = 0; h < horizon; h++)
        {
            for (int k = 0; k < q; k++)
            {
                sorted[k] = (float)(sums[h * q + k] / members.Length);
            }

            sorted.Sort();
            for (int k = 0; k < q; k++)
            {
                float value = frame.Scaler.Invert(sorted[k]);
                if (!float.IsFinite(value))
                {
                    throw new InvalidOperationException(
                        $"The forecast of series '{frame.Id}' at step {h + 1} is not finite ({value}); the history's values are far outside what the model was trained on.");
                }

                values[k][h] = value;
            }
        }

        var timestamps = history.Start is null || history.Step is null
            ? null
            : Enumerable.Range(0, horizon).Select(h => history.TimeAt(n + h)!.Value).ToArray();
        return new Forecast(frame.Id, layout.Quantiles, values, layout.MedianIndex, timestamps);
    }
}
