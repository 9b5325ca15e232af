using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Onnx;
using Microsoft.ML.Recurrent.Engine.Persistence;

namespace Microsoft.ML.Recurrent.Forecasting;

public sealed partial class Forecaster
{
    /// <summary>Name of the exported graph's history input: float [batch, ContextLength], the latest raw values, oldest first.</summary>
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

    /// <summary>Name of the exported graph's point-forecast output: float [batch, Horizon] (the 0.5 quantile).</summary>
    public const string OnnxForecastOutput = "forecast";

    /// <summary>Name of the exported graph's quantile output: float [batch, Horizon, quantile levels], ascending.</summary>
    public const string OnnxQuantilesOutput = "quantiles";

    /// <summary>
    /// Exports the forecaster to ONNX (opset 17) at <paramref name="path"/>, with the whole prediction in the graph: the
    /// log transform and series scaling, the causal seasonal indices and window level, every ensemble member, the
    /// averaging and sorting of the quantiles and the scaling back. Its inputs are the latest <see cref="ContextLength"/>
    /// raw values per series (complete: fill missing values first; a NaN gives NaN forecasts), the series' scaling
    /// (<c>scale_offset</c>, <c>scale_factor</c>; NaN factor = fit on the window) and the raw covariates; the outputs are
    /// <c>forecast</c> [batch, Horizon] and <c>quantiles</c> [batch, Horizon, levels]. The training series' scaling and
    /// the shapes are written to <see cref="OnnxSeriesPath"/>(<paramref name="path"/>). Both files are written atomically.
    /// </summary>
    /// <param name="path">The .onnx file to write.</param>
    /// <exception cref="NotSupportedException">The model uses an option without an exact ONNX form; the message names it.</exception>
    public void ExportOnnx(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (layout.Strategy == HorizonStrategy.Recursive)
        {
            throw new NotSupportedException(
                "ForecasterOptions.HorizonStrategy = Recursive has no ONNX export (each step feeds the previous forecast back); train with HorizonStrategy.Direct, the default.");
        }

        if (layout.CalendarCount > 0)
        {
            throw new NotSupportedException(
                "ForecasterOptions.CalendarFeatures = true has no ONNX export (the features come from timestamps); pass such features as future covariates instead.");
        }

        int context = layout.ContextLength, horizon = layout.Horizon, q = layout.Quantiles.Length, p = layout.PastCount, f = layout.FutureCount;
        var graph = new OnnxGraph("forecaster", "Recurrent forecaster exported by Microsoft.ML.Recurrent: raw windows in, forecasts and quantiles out.");
        var raw = graph.Input(OnnxValuesInput, OnnxElementType.Float, "batch", context);
        var (offset, scale) = Scaling(graph, raw,
            graph.Input(OnnxScaleOffsetInput, OnnxElementType.Float, "batch"),
            graph.Input(OnnxScaleFactorInput, OnnxElementType.Float, "batch"));
        var past = p > 0 ? graph.Input(OnnxPastCovariatesInput, OnnxElementType.Float, "batch", context, p) : null;
        var future = f > 0 ? graph.Input(OnnxFutureCovariatesInput, OnnxElementType.Float, "batch", context + horizon, f) : null;

        // The scaled context, then the window's inputs and the output steps' baselines as linear maps of it.
        var scaled = graph.Div(graph.Sub(layout.Log ? graph.Log(raw) : raw, graph.Unsqueeze(offset, 1)), graph.Unsqueeze(scale, 1));
        var maps = new LinearWindowMaps(layout, profile);
        var columns = new List<string> { graph.Unsqueeze(graph.MatMul(scaled, graph.Constant("window_map", maps.Inputs, context, layout.Lookback)), 2) };
        var baselines = graph.MatMul(scaled, graph.Constant("baseline_map", maps.Baselines, context, layout.OutputSteps));
        if (layout.ObservedFlag)
        {
            columns.Add(graph.Node("Expand", [graph.Constant("observed", [1f], 1, 1, 1), graph.Node("Shape", [columns[0]])]));
        }

        string? extras = null;
        if (past is not null)
        {
            columns.Add(ScaleCovariates(graph, graph.Slice(past, context - layout.Lookback, context, 1), 0, p));
        }

        if (future is not null)
        {
            columns.Add(ScaleCovariates(graph, graph.Slice(future, context - layout.Lookback, context, 1), p, f));
            extras = graph.Reshape(ScaleCovariates(graph, graph.Slice(future, context, context + layout.OutputSteps, 1), p, f), 0, -1);
        }

        var window = graph.Transpose(graph.Concat(2, columns.ToArray()), 1, 0, 2);
        var sum = members.Select(m => m.ExportOnnx(graph, window, extras)).Aggregate(graph.Add);
        var mean = graph.Div(sum, graph.Scalar(members.Length));
        var levels = graph.Add(graph.Reshape(mean, 0, horizon, q), graph.Unsqueeze(baselines, 2));
        var sorted = graph.Node("TopK", [levels, graph.Int64s(q)], 2, OnnxAttribute.Int("axis", -1), OnnxAttribute.Int("largest", 0), OnnxAttribute.Int("sorted", 1))[0];
        var unscaled = graph.Add(graph.Mul(sorted, graph.Unsqueeze(scale, 1, 2)), graph.Unsqueeze(offset, 1, 2));
        var quantiles = layout.Log ? graph.Exp(unscaled) : unscaled;
        graph.Output(OnnxQuantilesOutput, quantiles, OnnxElementType.Float, "batch", horizon, q);
        graph.Output(OnnxForecastOutput, graph.Gather(quantiles, graph.Int64sScalar(layout.MedianIndex), axis: 2), OnnxElementType.Float, "batch", horizon);
        graph.Metadata("kind", Kind);
        graph.Metadata("series", Path.GetFileName(OnnxSeriesPath(path)));
        graph.Save(path);
        AtomicFile.WriteJson(OnnxSeriesPath(path), OnnxSeriesJson());
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

    /// <summary>
    /// The per-row scaling: the given offset and factor, or where the factor is NaN, <see cref="SeriesScaler.Fit"/>'s
    /// statistics of the window (in float64, as it computes them).
    /// </summary>
    private (string Offset, string Scale) Scaling(OnnxGraph graph, string raw, string givenOffset, string givenScale)
    {
        var values = graph.Cast(raw, OnnxElementType.Double);
        values = layout.Log ? graph.Log(values) : values;
        var mean = graph.ReduceMean(values, false, 1);
        string fitOffset, fitScale;
        switch (layout.Scaling)
        {
            case ScalingMethod.Standard:
                var variance = graph.Max(graph.Sub(graph.ReduceMean(graph.Mul(values, values), false, 1), graph.Mul(mean, mean)), Double(graph, 0));
                fitOffset = graph.Cast(mean, OnnxElementType.Float);
                fitScale = Positive(graph, graph.Sqrt(variance), graph.Abs(mean));
                break;
            case ScalingMethod.MeanAbsolute:
                fitOffset = graph.Scalar(0f);
                fitScale = Positive(graph, graph.ReduceMean(graph.Abs(values), false, 1), Double(graph, 1));
                break;
            default:
                fitOffset = graph.Scalar(0f);
                fitScale = graph.Scalar(1f);
                break;
        }

        var fit = graph.IsNaN(givenScale);
        return (graph.Where(fit, fitOffset, givenOffset), graph.Where(fit, fitScale, givenScale));
    }

    /// <summary>The graph form of the scaler's divisor rule: the value, or a fallback for constant series.</summary>
    private static string Positive(OnnxGraph graph, string value, string magnitude)
    {
        var threshold = graph.Mul(Double(graph, 1e-6), graph.Max(Double(graph, 1), magnitude));
        var fallback = graph.Max(Double(graph, 1e-3), graph.Mul(Double(graph, 0.1), magnitude));
        return graph.Cast(graph.Where(graph.Greater(value, threshold), value, fallback), OnnxElementType.Float);
    }

    private static string Double(OnnxGraph graph, double value) => graph.Constant("f64", [value]);

    /// <summary>(raw − offset) / scale of covariate columns [offset, offset + count) of the layout.</summary>
    private string ScaleCovariates(OnnxGraph graph, string raw, int offset, int count) =>
        graph.Div(
            graph.Sub(raw, graph.Constant("covariate_offsets", layout.CovariateOffsets.AsSpan(offset, count), count)),
            graph.Constant("covariate_scales", layout.CovariateScales.AsSpan(offset, count), count));
}
