using Microsoft.ML.Recurrent.Data;
using Microsoft.ML.Recurrent.Forecasting;
using Microsoft.ML.Recurrent.Mapping;

namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// Forecasts for the rows of one cursor or prediction engine, in order: each row's observation is appended to its
/// series' state, then the horizon after it is forecast (NaN while the series has less than a lookback window of history).
/// </summary>
internal sealed class ForecastComputation : RowComputation
{
    private readonly LstmForecastingTransformer owner;
    private readonly ForecastingColumns columns;
    private readonly Forecaster forecaster;
    private readonly ValueGetter<float> getValue;
    private readonly Func<string>? getId;
    private readonly ValueGetter<DateTime>? getTime;
    private readonly ValueGetter<float>[] getCovariates;
    private readonly float[] covariates;
    private readonly Dictionary<string, ForecastState> states;
    private readonly float[][] outputs;

    /// <param name="owner">The transformer.</param>
    /// <param name="input">The input row or cursor.</param>
    /// <param name="sharedStates">A forecast engine's live states to advance, or null for states of this cursor only.</param>
    public ForecastComputation(LstmForecastingTransformer owner, DataViewRow input, Dictionary<string, ForecastState>? sharedStates)
        : base(input)
    {
        states = sharedStates ?? new Dictionary<string, ForecastState>(StringComparer.Ordinal);
        this.owner = owner;
        columns = owner.Columns;
        forecaster = owner.Forecaster;
        var schema = input.Schema;
        getValue = input.GetGetter<float>(schema[columns.Input]);
        getId = columns.SeriesId is null ? null : DataViewColumns.TextGetter(input, schema[columns.SeriesId]);
        getTime = columns.Timestamp is null ? null : input.GetGetter<DateTime>(schema[columns.Timestamp]);
        getCovariates = columns.PastCovariates.Select(name => input.GetGetter<float>(schema[name])).ToArray();
        covariates = new float[getCovariates.Length];
        outputs = Enumerable.Range(0, owner.OutputColumns.Count).Select(_ => new float[forecaster.Horizon]).ToArray();
    }

    public override Delegate CreateGetter(int outputIndex)
    {
        var source = outputs[outputIndex];
        return Getter((ref VBuffer<float> value) =>
        {
            var editor = VBufferEditor.Create(ref value, source.Length);
            source.CopyTo(editor.Values);
            value = editor.Commit();
        });
    }

    protected override void Compute()
    {
        float value = 0f;
        getValue(ref value);
        string id = getId?.Invoke() ?? string.Empty;
        DateTime? time = null;
        if (getTime is not null)
        {
            DateTime t = default;
            getTime(ref t);
            time = t;
        }

        for (int c = 0; c < getCovariates.Length; c++)
        {
            getCovariates[c](ref covariates[c]);
        }

        try
        {
            var state = Advance(id, value, time);
            if (state.Length >= forecaster.LookbackWindow)
            {
                var forecast = state.Predict();
                Write(forecast);
            }
            else
            {
                foreach (var output in outputs)
                {
                    output.AsSpan().Fill(float.NaN);
                }
            }
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"Forecasting row {Input.Position} (column '{columns.Input}'{(columns.SeriesId is null ? string.Empty : $", series '{id}'")}) failed: {ex.Message}", ex);
        }
    }

    /// <summary>Appends the row to its series' state, creating the state on the series' first row.</summary>
    private ForecastState Advance(string id, float value, DateTime? time)
    {
        if (states.TryGetValue(id, out var state))
        {
            state.Update(value, time, covariates);
            return state;
        }

        // Continue from the end of training when this row comes after it; otherwise replay the series from here.
        var trained = owner.TrainingEndState(id);
        if (trained is not null && time is { } t && trained.LastTimestamp is { } last && t > last)
        {
            trained.Update(value, time, covariates);
            return states[id] = trained;
        }

        float[,]? past = covariates.Length == 0 ? null : new float[1, covariates.Length];
        for (int c = 0; c < covariates.Length; c++)
        {
            past![0, c] = covariates[c];
        }

        return states[id] = forecaster.CreateState(new TimeSeriesData(id, [value], time is null ? null : [time.Value], past));
    }

    private void Write(Forecast forecast)
    {
        int index = 0;
        Copy(forecast.Point, outputs[index++]);
        if (columns.Lower is not null)
        {
            Copy(forecast.Lower, outputs[index++]);
        }

        if (columns.Upper is not null)
        {
            Copy(forecast.Upper, outputs[index]);
        }
    }

    private static void Copy(IReadOnlyList<float> source, float[] target)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] = source[i];
        }
    }
}
