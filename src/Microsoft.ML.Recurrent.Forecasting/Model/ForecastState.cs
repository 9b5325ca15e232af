using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// The running state of one series for a trained <see cref="Forecaster"/>: append observations as they arrive with
/// <see cref="Update"/> and forecast from the latest window with <see cref="Predict"/>, without retraining. It keeps the
/// last <see cref="Forecaster.ContextLength"/> rows, so a forecast equals <see cref="Forecaster.Predict(TimeSeriesData, float[,])"/>
/// on the whole extended history. Save and restore it with <see cref="Save(Stream)"/> and <see cref="Load(Stream, Forecaster)"/>.
/// Not thread safe.
/// </summary>
public sealed class ForecastState
{
    private const string Kind = "ForecastState";
    private const int StateFormatVersion = 1;

    private readonly Forecaster forecaster;
    private readonly List<float> values;
    private readonly List<float> past;
    private readonly List<float> future;
    private readonly int pastCount;
    private readonly int futureCount;
    private readonly TimeStep? step;
    private DateTime? start;

    internal ForecastState(Forecaster forecaster, RegularSeries tail)
    {
        this.forecaster = forecaster;
        SeriesId = tail.Id;
        values = [.. tail.Values];
        past = [.. tail.Past];
        future = [.. tail.Future];
        pastCount = tail.PastCount;
        futureCount = tail.FutureCount;
        start = tail.Start;
        step = tail.Step;
    }

    /// <summary>Id of the followed series.</summary>
    public string SeriesId { get; }

    /// <summary>Rows kept (at most the forecaster's context length).</summary>
    public int Length => values.Count;

    /// <summary>Time of the latest row, or null without timestamps.</summary>
    public DateTime? LastTimestamp => start is { } s && step is { } st ? st.Advance(s, values.Count - 1) : null;

    /// <summary>
    /// Appends one observation. With timestamps, <paramref name="timestamp"/> (default: one step after the latest) must lie
    /// a whole number of steps after the latest row; skipped rows become missing values.
    /// </summary>
    /// <param name="value">The observed value; NaN marks it missing.</param>
    /// <param name="timestamp">Its time, for a state with timestamps.</param>
    /// <param name="pastCovariates">Its past covariates (one per column of the model).</param>
    /// <param name="futureCovariates">Its future covariates (one per column of the model).</param>
    /// <exception cref="ArgumentException">The value is infinite, a covariate count differs or the timestamp is off the grid.</exception>
    public void Update(float value, DateTime? timestamp = null, ReadOnlySpan<float> pastCovariates = default, ReadOnlySpan<float> futureCovariates = default)
    {
        if (float.IsInfinity(value))
        {
            throw new ArgumentException($"Series '{SeriesId}': the value {value} is infinite; values must be finite (NaN marks a missing value).", nameof(value));
        }

        RequireRow(pastCovariates, pastCount, nameof(pastCovariates));
        RequireRow(futureCovariates, futureCount, nameof(futureCovariates));
        int gap = 1;
        if (timestamp is { } time)
        {
            if (LastTimestamp is not { } last)
            {
                throw new ArgumentException($"Series '{SeriesId}' was given without timestamps, so updates cannot have one.", nameof(timestamp));
            }

            TimeStep.RequireIncreasing([last, time], SeriesId);
            gap = (int)(step!.Value.StepsFrom(start!.Value, time, SeriesId, values.Count, last) - (values.Count - 1));
        }

        for (int i = 1; i < gap; i++)
        {
            values.Add(float.NaN);
        }

        values.Add(value);
        AppendRow(past, pastCovariates, pastCount, gap);
        AppendRow(future, futureCovariates, futureCount, gap);
        Trim();
    }

    /// <summary>Forecasts the horizon after the latest row.</summary>
    /// <param name="futureCovariates">Future covariates of the forecast steps [Horizon, FutureCovariateCount], when the model has them.</param>
    public Forecast Predict(float[,]? futureCovariates = null) => forecaster.Predict(Snapshot(), futureCovariates);

    /// <summary>Saves the state to <paramref name="path"/> (atomically) in the engine's model file format.</summary>
    public void Save(string path) => ModelFile.Save(path, ToContents());

    /// <summary>Writes the state at the current position of <paramref name="stream"/>.</summary>
    public void Save(Stream stream) => ModelFile.Save(stream, ToContents());

    /// <summary>Loads a state saved by <see cref="Save(string)"/> for use with <paramref name="forecaster"/>.</summary>
    public static ForecastState Load(string path, Forecaster forecaster) => FromContents(ModelFile.Load(path), forecaster);

    /// <summary>Reads a state written by <see cref="Save(Stream)"/> for use with <paramref name="forecaster"/>.</summary>
    public static ForecastState Load(Stream stream, Forecaster forecaster) => FromContents(ModelFile.Load(stream), forecaster);

    private RegularSeries Snapshot() =>
        RegularSeries.FromRows(SeriesId, [.. values], [.. past], pastCount, [.. future], futureCount, start, step);

    private void RequireRow(ReadOnlySpan<float> row, int count, string name)
    {
        if (row.Length != count)
        {
            throw new ArgumentException($"Series '{SeriesId}': '{name}' has {row.Length} values, but the model has {count} such covariate columns.", name);
        }

        foreach (float v in row)
        {
            if (!float.IsFinite(v))
            {
                throw new ArgumentException($"Series '{SeriesId}': '{name}' holds {v}; covariates must be finite.", name);
            }
        }
    }

    /// <summary>Appends the covariates of the new row, interpolating rows inserted for a gap.</summary>
    private static void AppendRow(List<float> matrix, ReadOnlySpan<float> row, int columns, int gap)
    {
        if (columns == 0)
        {
            return;
        }

        int previous = matrix.Count / columns - 1;
        for (int i = 1; i < gap; i++)
        {
            matrix.AddRange(new float[columns]);
        }

        matrix.AddRange(row);
        RegularSeries.InterpolateRows(CollectionsMarshal.AsSpan(matrix), columns, previous, previous + gap);
    }

    private void Trim()
    {
        int excess = values.Count - forecaster.ContextLength;
        if (excess <= 0)
        {
            return;
        }

        values.RemoveRange(0, excess);
        past.RemoveRange(0, excess * pastCount);
        future.RemoveRange(0, excess * futureCount);
        start = start is { } s ? step!.Value.Advance(s, excess) : null;
    }

    private ModelContents ToContents()
    {
        var architecture = new JsonObject
        {
            ["stateFormatVersion"] = StateFormatVersion,
            ["seriesId"] = SeriesId,
            ["pastCount"] = pastCount,
            ["futureCount"] = futureCount,
            ["startTicks"] = start?.Ticks.ToString(CultureInfo.InvariantCulture),
            ["startKind"] = start?.Kind.ToString(),
            ["step"] = step?.Serialize(),
        };
        var contents = new ModelContents(Kind, architecture);
        contents.AddTensor("values", Tensor.FromArray(values.Select(v => float.IsNaN(v) ? 0f : v).ToArray(), values.Count));
        contents.AddTensor("observed", Tensor.FromArray(values.Select(v => float.IsNaN(v) ? 0f : 1f).ToArray(), values.Count));
        contents.AddTensor("past", Tensor.FromArray(CollectionsMarshal.AsSpan(past), past.Count));
        contents.AddTensor("future", Tensor.FromArray(CollectionsMarshal.AsSpan(future), future.Count));
        return contents;
    }

    private static ForecastState FromContents(ModelContents contents, Forecaster forecaster)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        if (contents.Kind != Kind)
        {
            throw new ModelFormatException($"The file holds a '{contents.Kind}', not a '{Kind}'.");
        }

        var a = new ArchitectureSection(contents.GetArchitecture(), "forecast state");
        int version = a.Int32("stateFormatVersion", 1);
        if (version > StateFormatVersion)
        {
            throw new ModelFormatException($"This forecast state has version {version}, but this library reads versions up to {StateFormatVersion}.");
        }

        var layout = forecaster.Layout;
        int pastCount = a.Int32("pastCount", layout.PastCount, layout.PastCount), futureCount = a.Int32("futureCount", layout.FutureCount, layout.FutureCount);
        var values = contents.GetTensor("values", -1).Values.ToArray();
        var observed = contents.GetTensor("observed", values.Length).Values;
        a.Require(values.Length <= forecaster.ContextLength, "values", $"(the tensor) holds {values.Length} rows, more than the forecaster's context of {forecaster.ContextLength}");
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = observed[i] > 0f ? values[i] : float.NaN;
        }

        var kind = a.Has("startKind") ? a.Enum<DateTimeKind>("startKind") : DateTimeKind.Unspecified;
        DateTime? start = a.Has("startTicks")
            ? a.Parse("startTicks", "a tick count of a date", t => new DateTime(long.Parse(t, NumberStyles.None, CultureInfo.InvariantCulture), kind))
            : null;
        TimeStep? step = a.Has("step") ? a.Parse("step", "a time step", TimeStep.Deserialize) : null;
        a.Require(step is null || layout.Step is null || step == layout.Step, "step", $"is {step}, but the forecaster's time step is {layout.Step}");
        a.Require(start is null || step is not null, "startTicks", "is given without a time step");
        var series = RegularSeries.FromRows(
            a.String("seriesId"), values, contents.GetTensor("past", values.Length * pastCount).Values.ToArray(), pastCount,
            contents.GetTensor("future", values.Length * futureCount).Values.ToArray(), futureCount, start, step);
        return forecaster.CreateState(series);
    }
}
