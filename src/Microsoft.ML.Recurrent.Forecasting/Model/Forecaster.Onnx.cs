using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Onnx;
using Microsoft.ML.Recurrent.Engine.Persistence;

namespace Microsoft.ML.Recurrent.Forecasting;

public sealed partial class Forecaster
{
    /// <summary>Name of the exported graph's history input: float [batch, ContextLength], the latest raw values, oldest first (NaN = missing).</summary>
    public const string OnnxValuesInput = "values";

    /// <summary>Name of the exported graph's scale-offset input: float [batch] (a training series' <see cref="TrainedSeries.ScaleOffset"/>).</summary>
    public const string OnnxScaleOffsetInput = "scale_offset";

    /// <summary>
    /// Name of the exported graph's scale-factor input: float [batch], a training series' <see cref="TrainedSeries.ScaleFactor"/>,
    /// or NaN to scale by the window itself as <see cref="Predict(TimeSeriesData, float[,])"/> does for an unseen series.
    /// </summary>
    public const string OnnxScaleFactorInput = "scale_factor";

    /// <summary>Name of the exported graph's past-covariate input: float [batch, ContextLength, PastCount] (models with past covariates).</summary>
    public const string OnnxPastCovariatesInput = "past_covariates";

    /// <summary>Name of the exported graph's future-covariate input: float [batch, ContextLength + Horizon, FutureCount] (models with future covariates).</summary>
    public const string OnnxFutureCovariatesInput = "future_covariates";

    /// <summary>
    /// Name of the exported graph's start-time input: int64 [batch], the <see cref="DateTime.Ticks"/> of each window's first
    /// row (models with <see cref="ForecasterOptions.CalendarFeatures"/> only; the graph derives the calendar features of
    /// every row and forecast step from it).
    /// </summary>
    public const string OnnxStartTimeInput = "start_time";

    /// <summary>Name of the exported graph's point-forecast output: float [batch, Horizon] (the 0.5 quantile).</summary>
    public const string OnnxForecastOutput = "forecast";

    /// <summary>Name of the exported graph's quantile output: float [batch, Horizon, quantile levels], ascending.</summary>
    public const string OnnxQuantilesOutput = "quantiles";

    /// <summary>
    /// Exports the forecaster to ONNX (opset 17) at <paramref name="path"/>, with the whole prediction in the graph: the
    /// log transform and series scaling, the interpolation of missing values, the causal seasonal indices and window
    /// level, every ensemble member (unrolled over the horizon with the recursive strategy), the averaging and sorting of
    /// the quantiles and the scaling back. Its inputs are the
    /// latest <see cref="ContextLength"/> raw values per series on the series' time grid (NaN marks a missing value, as in
    /// <see cref="TimeSeriesData"/>; a window with no observed value gives NaN forecasts), the series' scaling
    /// (<c>scale_offset</c>, <c>scale_factor</c>; NaN factor = fit on the window), the raw covariates and, with calendar
    /// features, the first row's time (<c>start_time</c>); the outputs are
    /// <c>forecast</c> [batch, Horizon] and <c>quantiles</c> [batch, Horizon, levels]. The training series' scaling and
    /// the shapes are written to <see cref="OnnxSeriesPath"/>(<paramref name="path"/>). Both files are written atomically.
    /// </summary>
    /// <param name="path">The .onnx file to write.</param>
    public void ExportOnnx(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var graph = new OnnxGraph("forecaster", "Recurrent forecaster exported by Microsoft.ML.Recurrent: raw windows in, forecasts and quantiles out.");
        new ForecastGraph(graph, layout, profile, members).Build();
        graph.Metadata("kind", Kind);
        graph.Metadata("series", Path.GetFileName(OnnxSeriesPath(path)));
        graph.Save(path);
        ModelPath.WriteJsonAtomically(OnnxSeriesPath(path), OnnxSeriesJson());
    }

    /// <summary>
    /// The file written beside an exported model: <c>model.onnx</c> → <c>model.series.json</c>, with the input shapes,
    /// the quantile levels and every training series' <c>scaleOffset</c> and <c>scaleFactor</c>.
    /// </summary>
    public static string OnnxSeriesPath(string onnxPath) => Path.ChangeExtension(onnxPath, ".series.json");

    private JsonObject OnnxSeriesJson() => new()
    {
        ["format"] = "Microsoft.ML.Recurrent.Forecaster.Onnx",
        ["version"] = 1,
        ["contextLength"] = layout.ContextLength,
        ["horizon"] = layout.Horizon,
        ["quantiles"] = new JsonArray(layout.Quantiles.Select(l => (JsonNode)l).ToArray()),
        ["pastCovariates"] = layout.PastCount,
        ["futureCovariates"] = layout.FutureCount,
        ["series"] = new JsonArray(Series.Select(s => (JsonNode)new JsonObject
        {
            ["id"] = s.Id,
            ["scaleOffset"] = s.ScaleOffset,
            ["scaleFactor"] = s.ScaleFactor,
        }).ToArray()),
    };
}
