namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// A forecast of the steps after a history: the point forecast (the median), lower and upper bounds (the outermost
/// quantiles, like ML.NET's ForecastBySsa confidence columns) and every forecast quantile. Quantiles never cross.
/// </summary>
public sealed class Forecast
{
    private readonly float[][] quantileValues;

    internal Forecast(string seriesId, float[] levels, float[][] quantileValues, int medianIndex, DateTime[]? timestamps)
    {
        SeriesId = seriesId;
        QuantileLevels = levels;
        this.quantileValues = quantileValues;
        Point = quantileValues[medianIndex];
        Lower = quantileValues[0];
        Upper = quantileValues[^1];
        Timestamps = timestamps;
    }

    /// <summary>Id of the forecast series.</summary>
    public string SeriesId { get; }

    /// <summary>Number of forecast steps.</summary>
    public int Horizon => Point.Count;

    /// <summary>Point forecast per step: the 0.5 quantile.</summary>
    public IReadOnlyList<float> Point { get; }

    /// <summary>Lower bound per step: the lowest forecast quantile (0.1 by default).</summary>
    public IReadOnlyList<float> Lower { get; }

    /// <summary>Upper bound per step: the highest forecast quantile (0.9 by default).</summary>
    public IReadOnlyList<float> Upper { get; }

    /// <summary>The quantile levels, ascending (they include 0.5).</summary>
    public IReadOnlyList<float> QuantileLevels { get; }

    /// <summary>Time of each forecast step, or null when the history had no timestamps.</summary>
    public IReadOnlyList<DateTime>? Timestamps { get; }

    /// <summary>The forecast of quantile <paramref name="level"/> per step.</summary>
    /// <exception cref="ArgumentException">The model does not forecast that level.</exception>
    public IReadOnlyList<float> Quantile(float level)
    {
        for (int i = 0; i < quantileValues.Length; i++)
        {
            if (QuantileLevels[i] == level)
            {
                return quantileValues[i];
            }
        }

        throw new ArgumentException($"The forecast has no quantile {level}; its levels are {string.Join(", ", QuantileLevels)}.", nameof(level));
    }
}
