using Microsoft.ML.Recurrent.Engine.Onnx;

namespace Microsoft.ML.Recurrent.Forecasting;

internal sealed partial class ForecastNetwork
{
    /// <summary>
    /// Adds the evaluation-mode network: the encoded window [Lookback, batch, InputWidth] and the known features of the
    /// output steps [batch, ExtraWidth] (null when there are none) in, the quantiles [batch, OutputWidth] out.
    /// </summary>
    public string ExportOnnx(OnnxGraph graph, string window, string? extras)
    {
        var hidden = graph.Recurrent(encoder, window, lengths: null).LastState;
        return graph.Dense(head, extras is null ? hidden : graph.Concat(1, hidden, extras));
    }
}
