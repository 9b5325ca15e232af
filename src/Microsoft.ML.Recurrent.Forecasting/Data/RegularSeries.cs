namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// A series on a regular grid: rows missing from a timestamp gap are inserted with a NaN value and interpolated
/// covariates. Without timestamps the rows are taken as they are.
/// </summary>
internal sealed class RegularSeries
{
    /// <summary>Most rows a series may span on its grid (observed rows plus the missing rows of its gaps): 100,000,000.</summary>
    public const int MaxLength = 100_000_000;

    private readonly int[] sourceRows;

    private RegularSeries(string id, float[] values, float[] past, int pastCount, float[] future, int futureCount, DateTime? start, TimeStep? step, int[] sourceRows)
    {
        Id = id;
        Values = values;
        Past = past;
        PastCount = pastCount;
        Future = future;
        FutureCount = futureCount;
        Start = start;
        Step = step;
        this.sourceRows = sourceRows;
    }

    /// <summary>Series id.</summary>
    public string Id { get; }

    /// <summary>Target values on the grid; NaN = missing.</summary>
    public float[] Values { get; }

    /// <summary>Past covariates, row-major [Length, PastCount].</summary>
    public float[] Past { get; }

    /// <summary>Past covariate columns.</summary>
    public int PastCount { get; }

    /// <summary>Future covariates, row-major [Length, FutureCount].</summary>
    public float[] Future { get; }

    /// <summary>Future covariate columns.</summary>
    public int FutureCount { get; }

    /// <summary>Time of the first row, or null without timestamps.</summary>
    public DateTime? Start { get; }

    /// <summary>The grid's step, or null without timestamps (or with a single timestamp and no known step).</summary>
    public TimeStep? Step { get; }

    /// <summary>Rows on the grid.</summary>
    public int Length => Values.Length;

    /// <summary>Time of row <paramref name="index"/> (which may lie beyond the end), or null without timestamps.</summary>
    public DateTime? TimeAt(long index) => Start is { } start && Step is { } step ? step.Advance(start, index) : null;

    /// <summary>
    /// Throws naming the series and its last timestamp when the <paramref name="steps"/> steps after its end would pass
    /// <see cref="DateTime.MaxValue"/>, so that a forecast's timestamps can always be given.
    /// </summary>
    public void RequireTimeAfterEnd(int steps, string parameterName)
    {
        if (Start is not { } start || Step is not { } step)
        {
            return;
        }

        try
        {
            step.Advance(start, Length - 1L + steps);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw new ArgumentException(
                $"Series '{Id}' ends at {TimeStep.Format(TimeAt(Length - 1)!.Value)}: forecasting Horizon = {steps} steps of {step} after it would pass " +
                $"the last representable date, {TimeStep.Format(DateTime.MaxValue)}.",
                parameterName,
                e);
        }
    }

    /// <summary>The caller's row number of grid row <paramref name="index"/> (for inserted rows, the row before the gap).</summary>
    public int SourceRow(int index) => sourceRows[index];

    /// <summary>Wraps rows that are already on a grid (for example a forecast state's buffer).</summary>
    public static RegularSeries FromRows(string id, float[] values, float[] past, int pastCount, float[] future, int futureCount, DateTime? start, TimeStep? step) =>
        new(id, values, past, pastCount, future, futureCount, start, step, Enumerable.Range(0, values.Length).ToArray());

    /// <summary>The last <paramref name="rows"/> rows (all of them when the series is shorter).</summary>
    public RegularSeries Tail(int rows)
    {
        int skip = Math.Max(0, Length - rows);
        if (skip == 0)
        {
            return this;
        }

        return new RegularSeries(
            Id, Values[skip..], Past[(skip * PastCount)..], PastCount, Future[(skip * FutureCount)..], FutureCount, TimeAt(skip), Step, sourceRows[skip..]);
    }

    /// <summary>Puts <paramref name="data"/> on a grid of <paramref name="step"/>, or of its own inferred step when null.</summary>
    /// <exception cref="ArgumentException">Timestamps repeat, go back in time or are irregular; the message names the series and row.</exception>
    public static RegularSeries From(TimeSeriesData data, TimeStep? step)
    {
        var timestamps = data.TimestampArray;
        int rows = data.Length, p = data.PastCovariateCount, f = data.FutureCovariateCount;
        if (timestamps is null)
        {
            return new RegularSeries(
                data.Id, data.ValueSpan.ToArray(), data.PastSpan.ToArray(), p, data.FutureSpan.ToArray(), f, null, null, Enumerable.Range(0, rows).ToArray());
        }

        if (step is null)
        {
            step = TimeStep.Infer(timestamps, data.Id);
        }
        else
        {
            TimeStep.RequireIncreasing(timestamps, data.Id);
        }

        var positions = new long[rows];
        for (int i = 1; i < rows; i++)
        {
            positions[i] = step!.Value.StepsFrom(timestamps[0], timestamps[i], data.Id, i, timestamps[i - 1]);
            if (positions[i] >= MaxLength)
            {
                throw new ArgumentException(
                    $"Series '{data.Id}' has the timestamp {TimeStep.Format(timestamps[i])} at row {i}, {positions[i] - positions[i - 1]:N0} steps of {step} after " +
                    $"{TimeStep.Format(timestamps[i - 1])} at row {i - 1}: on its grid the series would span more than the {MaxLength:N0} rows a series may hold. " +
                    "Check the timestamps, or resample the series to a coarser step.",
                    "timestamps");
            }
        }

        int length = (int)positions[^1] + 1;
        var values = new float[length];
        values.AsSpan().Fill(float.NaN);
        var past = new float[length * p];
        var future = new float[length * f];
        var sources = new int[length];
        for (int i = 0; i < rows; i++)
        {
            int at = (int)positions[i];
            values[at] = data.ValueSpan[i];
            data.PastSpan.Slice(i * p, p).CopyTo(past.AsSpan(at * p, p));
            data.FutureSpan.Slice(i * f, f).CopyTo(future.AsSpan(at * f, f));
            int next = i + 1 < rows ? (int)positions[i + 1] : length;
            sources.AsSpan(at, next - at).Fill(i);
        }

        for (int i = 0; i + 1 < rows; i++)
        {
            InterpolateRows(past, p, (int)positions[i], (int)positions[i + 1]);
            InterpolateRows(future, f, (int)positions[i], (int)positions[i + 1]);
        }

        return new RegularSeries(data.Id, values, past, p, future, f, timestamps[0], step, sources);
    }

    /// <summary>Fills rows strictly between <paramref name="from"/> and <paramref name="to"/> of a row-major matrix linearly.</summary>
    public static void InterpolateRows(Span<float> matrix, int columns, int from, int to)
    {
        for (int c = 0; c < columns; c++)
        {
            float a = matrix[from * columns + c], b = matrix[to * columns + c];
            for (int r = from + 1; r < to; r++)
            {
                matrix[r * columns + c] = a + (b - a) * (r - from) / (to - from);
            }
        }
    }
}
