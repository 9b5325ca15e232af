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

    /// <summary>Name of the exported graph's point-forecast output: float [batch, Horizon] (the 0.5 quantile).</summary>
    public const string OnnxForecastOutput = "forecast";

    /// <summary>Name of the exported graph's quantile output: float [batch, Horizon, quantile levels], ascending.</summary>
    public const string OnnxQuantilesOutput = "quantiles";

    /// <summary>
    /// Exports the forecaster to ONNX (opset 17) at <paramref name="path"/>, with the whole prediction in the graph: the
    /// log transform and series scaling, the interpolation of missing values, the causal seasonal indices and window
    /// level, every ensemble member, the averaging and sorting of the quantiles and the scaling back. Its inputs are the
    /// latest <see cref="ContextLength"/> raw values per series on the series' time grid (NaN marks a missing value, as in
    /// <see cref="TimeSeriesData"/>; a window with no observed value gives NaN forecasts), the series' scaling
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
        var observed = graph.Not(graph.IsNaN(raw));
        var (offset, scale) = Scaling(graph, raw, observed,
            graph.Input(OnnxScaleOffsetInput, OnnxElementType.Float, "batch"),
            graph.Input(OnnxScaleFactorInput, OnnxElementType.Float, "batch"));
        var past = p > 0 ? graph.Input(OnnxPastCovariatesInput, OnnxElementType.Float, "batch", context, p) : null;
        var future = f > 0 ? graph.Input(OnnxFutureCovariatesInput, OnnxElementType.Float, "batch", context + horizon, f) : null;

        // The scaled, interpolated context, its seasonal indices, then the window's value inputs and the output steps'
        // baselines as linear maps of both.
        var maps = new LinearWindowMaps(layout, profile);
        var scaled = graph.Div(graph.Sub(layout.Log ? graph.Log(raw) : raw, graph.Unsqueeze(offset, 1)), graph.Unsqueeze(scale, 1));
        var filled = Interpolate(graph, scaled, observed, context);
        var valueInputs = graph.MatMul(filled, graph.Constant("window_map", maps.ValueInputs, context, layout.Lookback));
        var baselines = graph.MatMul(filled, graph.Constant("baseline_map", maps.ValueBaselines, context, layout.OutputSteps));
        if (maps.Period > 0)
        {
            var indices = SeasonalIndices(graph, filled, observed, maps);
            valueInputs = graph.Add(valueInputs, graph.MatMul(indices, graph.Constant("index_window_map", maps.IndexInputs!, maps.Period, layout.Lookback)));
            baselines = graph.Add(baselines, graph.MatMul(indices, graph.Constant("index_baseline_map", maps.IndexBaselines!, maps.Period, layout.OutputSteps)));
        }

        var columns = new List<string> { graph.Unsqueeze(valueInputs, 2) };
        if (layout.ObservedFlag)
        {
            columns.Add(graph.Unsqueeze(graph.Slice(graph.Cast(observed, OnnxElementType.Float), context - layout.Lookback, context, 1), 2));
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

        // A window without any observed value has no forecast (Predict throws for it): NaN.
        var anyObserved = graph.Greater(graph.ReduceMax(graph.Cast(observed, OnnxElementType.Float), false, 1), graph.Scalar(0f));
        quantiles = graph.Where(graph.Unsqueeze(anyObserved, 1, 2), quantiles, graph.Scalar(float.NaN));
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
    /// statistics of the window's observed values (in float64, as it computes them).
    /// </summary>
    private (string Offset, string Scale) Scaling(OnnxGraph graph, string raw, string observed, string givenOffset, string givenScale)
    {
        var values = graph.Cast(raw, OnnxElementType.Double);
        values = graph.Where(observed, layout.Log ? graph.Log(values) : values, Double(graph, 0));
        var count = graph.ReduceSum(graph.Cast(observed, OnnxElementType.Double), false, 1);
        var mean = graph.Div(graph.ReduceSum(values, false, 1), count);
        string fitOffset, fitScale;
        switch (layout.Scaling)
        {
            case ScalingMethod.Standard:
                var variance = graph.Max(graph.Sub(graph.Div(graph.ReduceSum(graph.Mul(values, values), false, 1), count), graph.Mul(mean, mean)), Double(graph, 0));
                fitOffset = graph.Cast(mean, OnnxElementType.Float);
                fitScale = Positive(graph, graph.Sqrt(variance), graph.Abs(mean));
                break;
            case ScalingMethod.MeanAbsolute:
                fitOffset = graph.Scalar(0f);
                fitScale = Positive(graph, graph.Div(graph.ReduceSum(graph.Abs(values), false, 1), count), Double(graph, 1));
                break;
            default:
                fitOffset = graph.Scalar(0f);
                fitScale = graph.Scalar(1f);
                break;
        }

        var fit = graph.IsNaN(givenScale);
        return (graph.Where(fit, fitOffset, givenOffset), graph.Where(fit, fitScale, givenScale));
    }

    /// <summary>
    /// <see cref="Interpolation.Fill"/> in the graph: each missing value of the scaled context [batch, context] lies on
    /// the line between its observed neighbours, or takes the nearest observed value at either end. The neighbours'
    /// positions are running maxima (minima) of the observed positions, doubling the reach each round.
    /// </summary>
    private static string Interpolate(OnnxGraph graph, string scaled, string observed, int context)
    {
        var positions = graph.Constant("positions", Enumerable.Range(0, context).Select(i => (long)i).ToArray(), context);
        var previous = graph.Where(observed, positions, graph.Int64sScalar(-1));
        var next = graph.Where(observed, positions, graph.Int64sScalar(context));
        for (int reach = 1; reach < context; reach *= 2)
        {
            var before = graph.Node("Pad", [previous, graph.Int64s(0, reach, 0, 0), graph.Int64sScalar(-1)]);
            previous = graph.Max(previous, graph.Slice(before, 0, context, 1));
            var after = graph.Node("Pad", [next, graph.Int64s(0, 0, 0, reach), graph.Int64sScalar(context)]);
            next = graph.Node("Min", [next, graph.Slice(after, reach, context + reach, 1)]);
        }

        var known = graph.Where(observed, scaled, graph.Scalar(0f));
        var start = graph.Node("GatherElements", [known, graph.Max(previous, graph.Int64sScalar(0))], OnnxAttribute.Int("axis", 1));
        var end = graph.Node("GatherElements", [known, graph.Node("Min", [next, graph.Int64sScalar(context - 1)])], OnnxAttribute.Int("axis", 1));
        var slope = graph.Div(graph.Sub(end, start), graph.Cast(graph.Sub(next, previous), OnnxElementType.Float));
        var between = graph.Add(start, graph.Mul(slope, graph.Cast(graph.Sub(positions, previous), OnnxElementType.Float)));
        var hasPrevious = graph.Greater(previous, graph.Int64sScalar(-1));
        var hasNext = graph.Less(next, graph.Int64sScalar(context));
        return graph.Where(observed, scaled, graph.Where(hasPrevious, graph.Where(hasNext, between, start), end));
    }

    /// <summary>
    /// <see cref="SeasonalProfile.Indices"/> at the end of the context in the graph: per phase, the observed-weighted
    /// mean of the interpolated values minus their trend over the last cycles, then centred (and smoothed).
    /// </summary>
    private static string SeasonalIndices(OnnxGraph graph, string filled, string observed, LinearWindowMaps maps)
    {
        int m = maps.Period, rows = SeasonalProfile.MaxCycles * m;
        var trend = graph.MatMul(filled, graph.Constant("trend_map", maps.Trend!, maps.Context, rows));
        var weight = graph.Slice(graph.Cast(observed, OnnxElementType.Float), maps.PhaseStart, maps.PhaseStart + rows, 1);
        var detrended = graph.Mul(graph.Sub(graph.Slice(filled, maps.PhaseStart, maps.PhaseStart + rows, 1), trend), weight);
        var phases = graph.Constant("phase_weights", maps.PhaseWeights!, rows, m);
        var sums = graph.MatMul(detrended, phases);
        var counts = graph.MatMul(weight, phases);
        var means = graph.Where(graph.Greater(counts, graph.Scalar(0f)), graph.Div(sums, counts), graph.Scalar(0f));
        return graph.MatMul(means, graph.Constant("smoothing", maps.Smoothing!, m, m));
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
