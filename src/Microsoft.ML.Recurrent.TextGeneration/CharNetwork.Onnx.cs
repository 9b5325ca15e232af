using Microsoft.ML.Recurrent.Engine.Onnx;

namespace Microsoft.ML.Recurrent.TextGeneration;

internal sealed partial class CharNetwork
{
    /// <summary>
    /// Adds one evaluation-mode step: character ids [batch] and the state before the step in, next-character logits
    /// [batch, vocabulary] and the state after the step out.
    /// </summary>
    public (string Logits, string Hidden, string? Cell) ExportOnnxStep(OnnxGraph graph, string ids, string hidden, string? cell)
    {
        var input = graph.Unsqueeze(graph.Embedding(embedding, ids), 0); // [1, batch, width]
        var step = graph.Recurrent(Recurrent, input, lengths: null, hidden, cell);
        return (graph.Dense(Head, step.LastState), step.FinalHidden, step.FinalCell);
    }
}
