using Microsoft.ML.Recurrent.Engine.Onnx;

namespace Microsoft.ML.Recurrent.TextClassification.Network;

internal sealed partial class ClassifierNetwork
{
    /// <summary>
    /// Adds the network's evaluation-mode graph: embedding rows [steps, batch] (int64) and lengths [batch] (int64) in,
    /// class logits [batch, classes] out. Dropout is the identity.
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="rows">Embedding rows, time-major, padded with 0.</param>
    /// <param name="lengths">Valid length of each sequence.</param>
    /// <param name="extras">Extra features [batch, ExtraFeatureCount] when the model has a wide part, else null.</param>
    /// <param name="attentionWeights">Receives the attention weights [batch, steps] with attention pooling, else null.</param>
    public string ExportOnnx(OnnxGraph graph, string rows, string lengths, string? extras, out string? attentionWeights)
    {
        var encoded = graph.Recurrent(encoder, graph.Embedding(embedding, rows), graph.Cast(lengths, OnnxElementType.Int32));
        var pooled = pooler.ExportOnnx(graph, encoded, lengths, graph.Dim(rows, 0), out attentionWeights);
        var logits = graph.Dense(head, pooled);
        return wide is null ? logits : graph.Add(logits, wide.ExportOnnx(graph, extras!));
    }
}
