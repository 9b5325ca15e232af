using System.Globalization;

namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// One time series: an id, its target values (NaN marks a missing value), optional timestamps, optional covariates
/// known only up to now (past covariates) and optional covariates known ahead of time (future covariates, such as
/// holidays or promotions). Covariates are row-major [rows, columns], one row per value. The constructor copies
/// everything it is given.
/// </summary>
public sealed class TimeSeriesData
{
    private readonly float[] values;
    private readonly DateTime[]? timestamps;
    private readonly float[] past;
    private readonly float[] future;

    /// <summary>Creates a series.</summary>
    /// <param name="id">Series id; several series in one training set are told apart by it.</param>
    /// <param name="values">Target values in time order; NaN marks a missing value, infinities are rejected.</param>
    /// <param name="timestamps">Optional time of each value, strictly increasing and regular (gaps of whole steps become missing values).</param>
    /// <param name="pastCovariates">Optional [values, P] inputs known only up to each row (for example measured weather); finite.</param>
    /// <param name="futureCovariates">Optional [values, F] inputs also known for the forecast horizon (for example a holiday flag); finite.</param>
    /// <exception cref="ArgumentException">A value is infinite, a covariate is not finite, or a length differs from the number of values.</exception>
    public TimeSeriesData(
        string id, IReadOnlyList<float> values, IReadOnlyList<DateTime>? timestamps = null, float[,]? pastCovariates = null, float[,]? futureCovariates = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(values);
        Id = id;
        this.values = values.ToArray();
        if (this.values.Length == 0)
        {
            throw new ArgumentException($"Series '{id}' has no values; a series needs at least one.", nameof(values));
        }

        for (int row = 0; row < this.values.Length; row++)
        {
            if (float.IsInfinity(this.values[row]))
            {
                throw new ArgumentException(
                    $"Series '{id}' has the value {this.values[row].ToString(CultureInfo.InvariantCulture)} at row {row}; values must be finite (NaN marks a missing value).",
                    nameof(values));
            }
        }

        if (timestamps is not null)
        {
            if (timestamps.Count != this.values.Length)
            {
                throw new ArgumentException($"Series '{id}' has {timestamps.Count} timestamps for {this.values.Length} values; give one per value.", nameof(timestamps));
            }

            this.timestamps = timestamps.ToArray();
        }

        past = Flatten(pastCovariates, nameof(pastCovariates), out int pastCount);
        future = Flatten(futureCovariates, nameof(futureCovariates), out int futureCount);
        PastCovariateCount = pastCount;
        FutureCovariateCount = futureCount;
    }

    /// <summary>Series id.</summary>
    public string Id { get; }

    /// <summary>Number of values (rows).</summary>
    public int Length => values.Length;

    /// <summary>Target values; NaN marks a missing value.</summary>
    public IReadOnlyList<float> Values => values;

    /// <summary>Time of each value, or null when the series has no timestamps.</summary>
    public IReadOnlyList<DateTime>? Timestamps => timestamps;

    /// <summary>Number of past covariate columns (0 when none).</summary>
    public int PastCovariateCount { get; }

    /// <summary>Number of future covariate columns (0 when none).</summary>
    public int FutureCovariateCount { get; }

    /// <summary>Values as a span.</summary>
    internal ReadOnlySpan<float> ValueSpan => values;

    /// <summary>Past covariates, row-major [Length, PastCovariateCount].</summary>
    internal ReadOnlySpan<float> PastSpan => past;

    /// <summary>Future covariates, row-major [Length, FutureCovariateCount].</summary>
    internal ReadOnlySpan<float> FutureSpan => future;

    /// <summary>Timestamps as an array, or null.</summary>
    internal DateTime[]? TimestampArray => timestamps;

    /// <summary>The first <paramref name="rows"/> rows as a new series.</summary>
    internal TimeSeriesData Head(int rows) => new(
        Id, values[..rows], timestamps?[..rows],
        PastCovariateCount > 0 ? Unflatten(past, PastCovariateCount, rows) : null,
        FutureCovariateCount > 0 ? Unflatten(future, FutureCovariateCount, rows) : null);

    /// <summary>Future covariates of rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="rows"/>), or null when there are none.</summary>
    internal float[,]? FutureRows(int start, int rows) =>
        FutureCovariateCount > 0 ? Unflatten(future.AsSpan(start * FutureCovariateCount).ToArray(), FutureCovariateCount, rows) : null;

    /// <summary>Returns a copy of the past covariates [Length, PastCovariateCount].</summary>
    public float[,] GetPastCovariates() => Unflatten(past, PastCovariateCount, Length);

    /// <summary>Returns a copy of the future covariates [Length, FutureCovariateCount].</summary>
    public float[,] GetFutureCovariates() => Unflatten(future, FutureCovariateCount, Length);

    /// <summary>Copies a [rows, columns] matrix row-major, checking its row count and that every entry is finite.</summary>
    internal static float[] Flatten(float[,]? matrix, int expectedRows, string seriesId, string parameterName, out int columns)
    {
        columns = 0;
        if (matrix is null)
        {
            return [];
        }

        int rows = matrix.GetLength(0);
        columns = matrix.GetLength(1);
        if (rows != expectedRows)
        {
            throw new ArgumentException($"Series '{seriesId}': '{parameterName}' has {rows} rows, but {expectedRows} were expected (one per value).", parameterName);
        }

        var flat = new float[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                float v = matrix[r, c];
                if (!float.IsFinite(v))
                {
                    throw new ArgumentException(
                        $"Series '{seriesId}': '{parameterName}' has the value {v.ToString(CultureInfo.InvariantCulture)} at row {r}, column {c}; covariates must be finite.",
                        parameterName);
                }

                flat[r * columns + c] = v;
            }
        }

        return flat;
    }

    private float[] Flatten(float[,]? matrix, string parameterName, out int columns) =>
        Flatten(matrix, values.Length, Id, parameterName, out columns);

    private static float[,] Unflatten(float[] flat, int columns, int rows)
    {
        var matrix = new float[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                matrix[r, c] = flat[r * columns + c];
            }
        }

        return matrix;
    }
}
