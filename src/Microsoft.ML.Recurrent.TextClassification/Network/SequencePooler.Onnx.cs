using Microsoft.ML.Recurrent.Engine.Onnx;

namespace Microsoft.ML.Recurrent.TextClassification.Network;

internal sealed partial class SequencePooler
{
    /// <summary>
    /// Adds the pooling of the encoder's ONNX outputs over each sequence's valid steps; returns [batch, width].
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="encoded">The encoder's outputs.</param>
    /// <param name="lengths">Int64 valid lengths [batch].</param>
    /// <param name="steps">The padded length, a 1-element int64 tensor.</param>
    /// <param name="weights">Receives the attention weights [batch, steps] with attention pooling, else null.</param>
    public string ExportOnnx(OnnxGraph graph, OnnxRecurrent encoded, string lengths, string steps, out string? weights)
    {
        weights = null;
        if (Mode == PoolingMode.Last)
        {
            return encoded.LastState;
        }

        var mask = graph.LengthMask(lengths, steps); // [batch, steps]
        if (attention is not null)
        {
            var query = graph.Constant("pooling_query", [1f], 1, 1);
            var keys = graph.AttentionKeys(attention, encoded.Sequence);
            (var context, weights) = graph.Attention(attention, query, encoded.Sequence, keys, mask);
            return context;
        }

        var timeMajorMask = graph.Unsqueeze(graph.Transpose(mask, 1, 0), 2); // [steps, batch, 1]
        if (Mode == PoolingMode.Max)
        {
            return graph.ReduceMax(graph.Where(timeMajorMask, encoded.Sequence, graph.Scalar(float.MinValue)), false, 0);
        }

        var sum = graph.ReduceSum(graph.Where(timeMajorMask, encoded.Sequence, graph.Scalar(0f)), false, 0);
        return graph.Div(sum, graph.Cast(graph.Unsqueeze(lengths, 1), OnnxElementType.Float));
    }
}
