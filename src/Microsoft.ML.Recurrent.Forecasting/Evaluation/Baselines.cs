namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>The standard reference forecasts that a model must beat.</summary>
public static class Baselines
{
    /// <summary>Naive: every step repeats the last observed value.</summary>
    /// <exception cref="ArgumentException">The history has no observed value, or the horizon is below 1.</exception>
    public static float[] Naive(IReadOnlyList<float> history, int horizon) => SeasonalNaive(history, horizon, 1);

    /// <summary>
    /// Seasonal naive: step h repeats the value one season earlier, y[n + h − period·k] for the smallest k that reaches
    /// into the history (skipping missing values by going back further seasons, then falling back to the last observed value).
    /// </summary>
    /// <exception cref="ArgumentException">The history has no observed value, or the horizon or period is below 1.</exception>
    public static float[] SeasonalNaive(IReadOnlyList<float> history, int horizon, int period)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        int last = history.Count - 1;
        while (last >= 0 && float.IsNaN(history[last]))
        {
            last--;
        }

        if (last < 0)
        {
            throw new ArgumentException("Parameter 'history' has no observed value; a baseline needs at least one.", nameof(history));
        }

        var forecast = new float[horizon];
        int n = history.Count;
        for (int h = 0; h < horizon; h++)
        {
            int t = n + h - period * ((h / period) + 1);
            while (t >= 0 && float.IsNaN(history[t]))
            {
                t -= period;
            }

            forecast[h] = t >= 0 ? history[t] : history[last];
        }

        return forecast;
    }
}
