using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Persistence;
using Microsoft.ML.Recurrent.Forecasting;
using Microsoft.ML.Recurrent.Mapping;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// A fitted LSTM/GRU forecaster as an ML.NET transformer. Applied to a data view it reads the rows in order and appends,
/// for each row, the forecast of the <see cref="Horizon"/> steps after it (and the interval bounds), like ML.NET's
/// ForecastBySsa. A series whose first row comes after the end of its training data (by timestamp) continues from its
/// training history; any other series is replayed from its own rows, and its rows before a full lookback window of
/// history (<see cref="Forecaster.LookbackWindow"/> rows) forecast NaN, ML.NET's missing value.
/// For forecasting as new observations arrive, use <see cref="CreateForecastEngine{TInput, TOutput}"/>.
/// </summary>
public sealed class LstmForecastingTransformer : RecurrentTransformerBase
{
    internal const string Kind = "LstmForecastingTransformer";
    private const int FormatVersion = 1;

    private readonly ForecastingColumns columns;
    private readonly IReadOnlyDictionary<string, ForecastState> trainingEnd;
    private readonly Dictionary<string, ForecastState>? engineStates;

    internal LstmForecastingTransformer(
        Forecaster forecaster, ForecastingColumns columns, IReadOnlyDictionary<string, ForecastState> trainingEnd, Dictionary<string, ForecastState>? engineStates = null)
    {
        Forecaster = forecaster;
        this.columns = columns;
        this.trainingEnd = trainingEnd;
        this.engineStates = engineStates;
        OutputColumns = columns.Outputs(forecaster.Horizon);
    }

    /// <summary>The trained model (ML.NET-free), for use outside a pipeline.</summary>
    public Forecaster Forecaster { get; }

    /// <summary>Exports the forecaster to ONNX at <paramref name="path"/>; see <see cref="Forecaster.ExportOnnx"/>.</summary>
    public void ExportOnnx(string path) => Forecaster.ExportOnnx(path);

    /// <summary>Steps forecast per row.</summary>
    public int Horizon => Forecaster.Horizon;

    internal override IReadOnlyList<OutputColumn> OutputColumns { get; }

    internal override IReadOnlyList<string> InputColumnNames => columns.Inputs;

    internal override bool IsStateful => true;

    internal override string ModelKind => Kind;

    internal ForecastingColumns Columns => columns;

    /// <summary>
    /// Creates an engine that continues every training series from the end of its training data: forecast now, add new
    /// observations as they arrive, and checkpoint the updated model (the counterpart of ML.NET's TimeSeriesPredictionEngine).
    /// </summary>
    public RecurrentForecastEngine<TInput, TOutput> CreateForecastEngine<TInput, TOutput>(MLContext mlContext)
        where TInput : class
        where TOutput : class, new() => new(mlContext, this);

    internal override void CheckInputSchema(DataViewSchema inputSchema) => columns.Check(inputSchema);

    internal override RowComputation CreateComputation(DataViewRow input) => new ForecastComputation(this, input, engineStates);

    /// <summary>A copy whose computations advance <paramref name="states"/> (a forecast engine's live states).</summary>
    internal LstmForecastingTransformer ForEngine(Dictionary<string, ForecastState> states) => new(Forecaster, columns, trainingEnd, states);

    /// <summary>Copies of every series' end-of-training state.</summary>
    internal Dictionary<string, ForecastState> CopyTrainingEnd() => trainingEnd.ToDictionary(p => p.Key, p => Copy(p.Value), StringComparer.Ordinal);

    /// <summary>A copy of the state a series ends its training data in, or null for a series not seen in training.</summary>
    internal ForecastState? TrainingEndState(string seriesId) => trainingEnd.TryGetValue(seriesId, out var state) ? Copy(state) : null;

    /// <summary>This transformer with other end-of-training states (a forecast engine's checkpoint).</summary>
    internal LstmForecastingTransformer WithTrainingEnd(IReadOnlyDictionary<string, ForecastState> states) => new(Forecaster, columns, states.ToDictionary(p => p.Key, p => Copy(p.Value)));

    internal override void SaveModel(Stream stream)
    {
        var architecture = new JsonObject
        {
            ["output"] = columns.Output,
            ["input"] = columns.Input,
            ["lower"] = columns.Lower,
            ["upper"] = columns.Upper,
            ["seriesId"] = columns.SeriesId,
            ["timestamp"] = columns.Timestamp,
            ["pastCovariates"] = new JsonArray(columns.PastCovariates.Select(c => (JsonNode)c).ToArray()),
            ["series"] = trainingEnd.Count,
        };
        TransformerHeader.Write(stream, Kind, FormatVersion, architecture);
        Forecaster.Save(stream);
        foreach (var state in trainingEnd.Values)
        {
            state.Save(stream);
        }
    }

    /// <summary>Reads a transformer written by <see cref="SaveModel"/>.</summary>
    /// <exception cref="ModelFormatException">The header, the forecaster or a series state is damaged, or they disagree.</exception>
    internal static LstmForecastingTransformer Load(Stream stream)
    {
        var a = TransformerHeader.Read(stream, Kind, FormatVersion);
        var columns = new ForecastingColumns(
            a.String("output"), a.String("input"), a.OptionalString("lower"), a.OptionalString("upper"), a.OptionalString("seriesId"), a.OptionalString("timestamp"),
            a.Strings("pastCovariates"));
        int count = a.Int32("series", 0);
        var forecaster = Forecaster.Load(stream);
        a.Require(
            columns.PastCovariates.Count == forecaster.Layout.PastCount,
            "pastCovariates",
            $"names {columns.PastCovariates.Count} columns, but the forecaster was trained with {forecaster.Layout.PastCount} past covariates");
        var states = new Dictionary<string, ForecastState>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            var state = ForecastState.Load(stream, forecaster);
            a.Require(states.TryAdd(state.SeriesId, state), "series", $"holds the state of series '{state.SeriesId}' twice");
        }

        return new LstmForecastingTransformer(forecaster, columns, states);
    }

    private ForecastState Copy(ForecastState state)
    {
        using var buffer = new MemoryStream();
        state.Save(buffer);
        buffer.Position = 0;
        return ForecastState.Load(buffer, Forecaster);
    }
}
