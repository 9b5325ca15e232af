using Microsoft.ML.Recurrent.Engine.Onnx;

namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// Builds the forecaster's ONNX graph (<see cref="Forecaster.ExportOnnx"/>): the prediction of
/// <see cref="Forecaster.Predict(TimeSeriesData, float[,])"/> for a batch of context windows, from the raw values to the
/// sorted quantiles in the series' units.
/// </summary>
internal sealed class ForecastGraph(OnnxGraph graph, ModelLayout layout, SeasonalProfile? profile, ForecastNetwork[] members)
{
    private readonly LinearWindowMaps maps = new(layout, profile);
    private readonly Dictionary<(string Name, int Step), string> constants = [];
    private string? calendar;

    /// <summary>Adds the inputs, the nodes and the outputs.</summary>
    public void Build()
    {
        int context = layout.ContextLength, horizon = layout.Horizon, q = layout.Quantiles.Length, p = layout.PastCount, f = layout.FutureCount;
        var raw = graph.Input(Forecaster.OnnxValuesInput, OnnxElementType.Float, "batch", context);
        var observed = graph.Not(graph.IsNaN(raw));
        var (offset, scale) = Scaling(raw, observed,
            graph.Input(Forecaster.OnnxScaleOffsetInput, OnnxElementType.Float, "batch"),
            graph.Input(Forecaster.OnnxScaleFactorInput, OnnxElementType.Float, "batch"));
        var past = p > 0 ? graph.Input(Forecaster.OnnxPastCovariatesInput, OnnxElementType.Float, "batch", context, p) : null;
        var future = f > 0 ? graph.Input(Forecaster.OnnxFutureCovariatesInput, OnnxElementType.Float, "batch", context + horizon, f) : null;
        calendar = layout.CalendarCount > 0
            ? CalendarFeatures.ExportOnnx(graph, graph.Input(Forecaster.OnnxStartTimeInput, OnnxElementType.Int64, "batch"), layout.Step!.Value, context + horizon)
            : null;

        // The scaled, interpolated context and its seasonal indices; the windows are linear maps of both (and of the
        // medians forecast so far, when recursive).
        var scaled = graph.Div(graph.Sub(layout.Log ? graph.Log(raw) : raw, graph.Unsqueeze(offset, 1)), graph.Unsqueeze(scale, 1));
        var filled = Interpolate(scaled, observed, context);
        var indices = maps.Period > 0 ? SeasonalIndices(filled, observed) : null;
        var observedFlags = graph.Cast(observed, OnnxElementType.Float);
        var flags = observedFlags;
        if (maps.Steps > 1)
        {
            // Forecast rows count as observed.
            var ones = graph.Node("Expand", [graph.Constant("forecast_observed", [1f], 1, 1), graph.Concat(0, graph.Dim(raw, 0), graph.Int64s(maps.Steps - 1))]);
            flags = graph.Concat(1, flags, ones);
        }

        var shared = maps.Steps == 1 ? Step(0, filled, null, indices, flags, past, future) : default;
        var sum = members.Select(member =>
        {
            if (maps.Steps == 1)
            {
                return Levels(member, shared);
            }

            string? medians = null;
            var steps = new List<string>();
            for (int k = 0; k < maps.Steps; k++)
            {
                var levels = Levels(member, Step(k, filled, medians, indices, flags, past, future));
                steps.Add(levels);
                var median = graph.Squeeze(graph.Slice(levels, layout.MedianIndex, layout.MedianIndex + 1, 2), 2);
                medians = medians is null ? median : graph.Concat(1, medians, median);
            }

            return graph.Concat(1, steps.ToArray());
        }).Aggregate(graph.Add);
        var mean = graph.Div(sum, graph.Scalar(members.Length));
        var sorted = graph.Node("TopK", [mean, graph.Int64s(q)], 2, OnnxAttribute.Int("axis", -1), OnnxAttribute.Int("largest", 0), OnnxAttribute.Int("sorted", 1))[0];
        var unscaled = graph.Add(graph.Mul(sorted, graph.Unsqueeze(scale, 1, 2)), graph.Unsqueeze(offset, 1, 2));
        var quantiles = layout.Log ? graph.Exp(unscaled) : unscaled;

        // A window without any observed value has no forecast (Predict throws for it): NaN.
        var anyObserved = graph.Greater(graph.ReduceMax(observedFlags, false, 1), graph.Scalar(0f));
        quantiles = graph.Where(graph.Unsqueeze(anyObserved, 1, 2), quantiles, graph.Scalar(float.NaN));
        graph.Output(Forecaster.OnnxQuantilesOutput, quantiles, OnnxElementType.Float, "batch", horizon, q);
        graph.Output(Forecaster.OnnxForecastOutput, graph.Gather(quantiles, graph.Int64sScalar(layout.MedianIndex), axis: 2), OnnxElementType.Float, "batch", horizon);
    }

    /// <summary>
    /// The network input of step <paramref name="k"/> (the window ending k rows after the context) [Lookback, batch,
    /// InputWidth], the known features of its output steps and their baselines [batch, OutputSteps].
    /// </summary>
    private (string Window, string? Extras, string Baselines) Step(int k, string filled, string? medians, string? indices, string flags, string? past, string? future)
    {
        int context = layout.ContextLength, lookback = layout.Lookback, outputs = layout.OutputSteps, p = layout.PastCount, f = layout.FutureCount;
        string Map(float[] map, string name, int columns)
        {
            var product = graph.MatMul(filled, Constant(name, k, map.AsSpan(0, context * columns), context, columns));
            if (medians is not null)
            {
                product = graph.Add(product, graph.MatMul(medians, Constant(name + "_forecasts", k, map.AsSpan(context * columns, k * columns), k, columns)));
            }

            return product;
        }

        var values = Map(maps.ValueInputs[k], "window_map", lookback);
        var baselines = Map(maps.ValueBaselines[k], "baseline_map", outputs);
        if (indices is not null)
        {
            values = graph.Add(values, graph.MatMul(indices, Constant("index_window_map", k, maps.IndexInputs[k], maps.Period, lookback)));
            baselines = graph.Add(baselines, graph.MatMul(indices, Constant("index_baseline_map", k, maps.IndexBaselines[k], maps.Period, outputs)));
        }

        int start = context - lookback + k, end = context + k;
        var columns = new List<string> { graph.Unsqueeze(values, 2) };
        if (layout.ObservedFlag)
        {
            columns.Add(graph.Unsqueeze(graph.Slice(flags, start, end, 1), 2));
        }

        if (past is not null)
        {
            columns.Add(ScaleCovariates(graph.Slice(past, start, end, 1), 0, p));
        }

        // Known features per row: the scaled future covariates, then the calendar features.
        var known = new List<(string Rows, bool Scaled)>();
        if (future is not null)
        {
            known.Add((future, true));
        }

        if (calendar is not null)
        {
            known.Add((calendar, false));
        }

        string Known(int from, int to) => graph.Concat(2, known.Select(k => k.Scaled ? ScaleCovariates(graph.Slice(k.Rows, from, to, 1), p, f) : graph.Slice(k.Rows, from, to, 1)).ToArray());
        string? extras = null;
        if (known.Count > 0)
        {
            columns.Add(Known(start, end));
            extras = graph.Reshape(Known(end, end + outputs), 0, -1);
        }

        return (graph.Transpose(graph.Concat(2, columns.ToArray()), 1, 0, 2), extras, baselines);
    }

    /// <summary>The initializer of step <paramref name="step"/>'s map <paramref name="name"/>, added once and shared by every member.</summary>
    private string Constant(string name, int step, ReadOnlySpan<float> values, long rows, long columns)
    {
        if (!constants.TryGetValue((name, step), out var constant))
        {
            constant = constants[(name, step)] = graph.Constant(name, values, rows, columns);
        }

        return constant;
    }

    /// <summary>One member's quantiles of a step in the model's units, before sorting: [batch, OutputSteps, levels].</summary>
    private string Levels(ForecastNetwork member, (string Window, string? Extras, string Baselines) step) =>
        graph.Add(graph.Reshape(member.ExportOnnx(graph, step.Window, step.Extras), 0, layout.OutputSteps, layout.Quantiles.Length), graph.Unsqueeze(step.Baselines, 2));

    /// <summary>
    /// The per-row scaling: the given offset and factor, or where the factor is NaN, <see cref="SeriesScaler.Fit"/>'s
    /// statistics of the window's observed values (in float64, as it computes them).
    /// </summary>
    private (string Offset, string Scale) Scaling(string raw, string observed, string givenOffset, string givenScale)
    {
        var values = graph.Cast(raw, OnnxElementType.Double);
        values = graph.Where(observed, layout.Log ? graph.Log(values) : values, graph.ScalarDouble(0));
        var count = graph.ReduceSum(graph.Cast(observed, OnnxElementType.Double), false, 1);
        var mean = graph.Div(graph.ReduceSum(values, false, 1), count);
        string fitOffset, fitScale;
        switch (layout.Scaling)
        {
            case ScalingMethod.Standard:
                var variance = graph.Max(graph.Sub(graph.Div(graph.ReduceSum(graph.Mul(values, values), false, 1), count), graph.Mul(mean, mean)), graph.ScalarDouble(0));
                fitOffset = graph.Cast(mean, OnnxElementType.Float);
                fitScale = Positive(graph.Sqrt(variance), graph.Abs(mean));
                break;
            case ScalingMethod.MeanAbsolute:
                fitOffset = graph.Scalar(0f);
                fitScale = Positive(graph.Div(graph.ReduceSum(graph.Abs(values), false, 1), count), graph.ScalarDouble(1));
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
    private string Interpolate(string scaled, string observed, int context)
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
    private string SeasonalIndices(string filled, string observed)
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
    private string Positive(string value, string magnitude)
    {
        var threshold = graph.Mul(graph.ScalarDouble(1e-6), graph.Max(graph.ScalarDouble(1), magnitude));
        var fallback = graph.Max(graph.ScalarDouble(1e-3), graph.Mul(graph.ScalarDouble(0.1), magnitude));
        return graph.Cast(graph.Where(graph.Greater(value, threshold), value, fallback), OnnxElementType.Float);
    }

    
    /// <summary>(raw − offset) / scale of covariate columns [offset, offset + count) of the layout.</summary>
    private string ScaleCovariates(string raw, int offset, int count) =>
        graph.Div(
            graph.Sub(raw, graph.Constant("covariate_offsets", layout.CovariateOffsets.AsSpan(offset, count), count)),
            graph.Constant("covariate_scales", layout.CovariateScales.AsSpan(offset, count), count));
}
