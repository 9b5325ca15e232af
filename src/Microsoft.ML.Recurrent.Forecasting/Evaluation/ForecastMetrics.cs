namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// Accuracy of a forecast against what happened. Missing (NaN) actual values are skipped. A figure that is undefined for
/// the data (MAPE when every actual is 0, MASE without a seasonal difference in the history, coverage without
/// intervals) is NaN.
/// </summary>
/// <param name="Mae">Mean absolute error.</param>
/// <param name="Rmse">Root mean squared error.</param>
/// <param name="Mape">Mean absolute percentage error, in percent, over the non-zero actuals.</param>
/// <param name="Smape">Symmetric MAPE, 200·|a − f| / (|a| + |f|) averaged, in percent (0 to 200).</param>
/// <param name="Mase">Mean absolute scaled error: MAE over the history's mean absolute seasonal difference (the in-sample seasonal naive error).</param>
/// <param name="Coverage">Fraction of actuals inside [lower, upper], or NaN without bounds.</param>
public sealed record ForecastMetrics(double Mae, double Rmse, double Mape, double Smape, double Mase, double Coverage)
{
    /// <summary>Computes the metrics of one forecast.</summary>
    /// <param name="actual">What happened, one value per forecast step (NaN = unknown, skipped).</param>
    /// <param name="forecast">The point forecast, as long as <paramref name="actual"/>.</param>
    /// <param name="history">The series before the forecast, for the MASE scale.</param>
    /// <param name="seasonalPeriod">Period of the MASE scale's seasonal difference (1 = naive).</param>
    /// <param name="lower">Optional lower bounds, for coverage.</param>
    /// <param name="upper">Optional upper bounds, for coverage.</param>
    /// <exception cref="ArgumentException">Lengths differ, a forecast is not finite, the period is below 1, or no actual is known.</exception>
    public static ForecastMetrics Compute(
        IReadOnlyList<float> actual, IReadOnlyList<float> forecast, IReadOnlyList<float> history, int seasonalPeriod,
        IReadOnlyList<float>? lower = null, IReadOnlyList<float>? upper = null)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(history);
        RequireLength(forecast, actual.Count, nameof(forecast));
        if ((lower is null) != (upper is null))
        {
            throw new ArgumentException("Give both 'lower' and 'upper' bounds, or neither.", lower is null ? nameof(lower) : nameof(upper));
        }

        if (lower is not null)
        {
            RequireLength(lower, actual.Count, nameof(lower));
            RequireLength(upper!, actual.Count, nameof(upper));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(seasonalPeriod, 1);
        double absolute = 0, squared = 0, percentage = 0, symmetric = 0, inside = 0;
        int count = 0, nonZero = 0;
        for (int i = 0; i < actual.Count; i++)
        {
            float a = actual[i], f = forecast[i];
            if (float.IsNaN(a))
            {
                continue;
            }

            double error = Math.Abs((double)a - f);
            absolute += error;
            squared += error * error;
            symmetric += Math.Abs(a) + Math.Abs(f) > 0 ? 200 * error / (Math.Abs(a) + Math.Abs((double)f)) : 0;
            if (a != 0)
            {
                percentage += 100 * error / Math.Abs(a);
                nonZero++;
            }

            if (lower is not null && a >= lower[i] && a <= upper![i])
            {
                inside++;
            }

            count++;
        }

        if (count == 0)
        {
            throw new ArgumentException("Parameter 'actual' has no known value (all are NaN); metrics need at least one.", nameof(actual));
        }

        double mae = absolute / count, scale = SeasonalScale(history, seasonalPeriod);
        return new ForecastMetrics(
            mae, Math.Sqrt(squared / count), nonZero > 0 ? percentage / nonZero : double.NaN, symmetric / count,
            scale > 0 ? mae / scale : double.NaN, lower is null ? double.NaN : inside / count);
    }

    /// <summary>The mean of each figure over <paramref name="metrics"/>, skipping NaN entries.</summary>
    public static ForecastMetrics Mean(IEnumerable<ForecastMetrics> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var list = metrics.ToList();
        double Average(Func<ForecastMetrics, double> pick)
        {
            var values = list.Select(pick).Where(v => !double.IsNaN(v)).ToList();
            return values.Count == 0 ? double.NaN : values.Average();
        }

        return new ForecastMetrics(Average(m => m.Mae), Average(m => m.Rmse), Average(m => m.Mape), Average(m => m.Smape), Average(m => m.Mase), Average(m => m.Coverage));
    }

    /// <summary>Mean absolute seasonal difference |y[t] − y[t − period]| over the history's observed pairs (0 when none).</summary>
    private static double SeasonalScale(IReadOnlyList<float> history, int period)
    {
        double sum = 0;
        int count = 0;
        for (int t = period; t < history.Count; t++)
        {
            if (!float.IsNaN(history[t]) && !float.IsNaN(history[t - period]))
            {
                sum += Math.Abs((double)history[t] - history[t - period]);
                count++;
            }
        }

        return count > 0 ? sum / count : 0;
    }

    private static void RequireLength(IReadOnlyList<float> values, int expected, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count != expected)
        {
            throw new ArgumentException($"Parameter '{name}' has {values.Count} values, but 'actual' has {expected}.", name);
        }

        for (int i = 0; i < values.Count; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new ArgumentException($"Parameter '{name}' has the value {values[i]} at index {i}; it must be finite.", name);
            }
        }
    }
}
