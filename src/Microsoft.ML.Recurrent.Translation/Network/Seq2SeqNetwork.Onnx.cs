using Microsoft.ML.Recurrent.Engine.Onnx;

namespace Microsoft.ML.Recurrent.Translation.Network;

internal sealed partial class Seq2SeqNetwork
{
    /// <summary>The encoder's ONNX values: the attention memory (and additive keys) and the decoder's initial state.</summary>
    public sealed record OnnxEncoding(string Memory, string? Keys, string Hidden, string? Cell);

    /// <summary>The decoder step's ONNX values.</summary>
    public sealed record OnnxStep(string LogProbabilities, string Hidden, string? Cell, string? Feed, string? Weights);

    /// <summary>
    /// Adds the evaluation-mode encoder: source ids [steps, batch] (int64, time-major) and lengths [batch] in; the memory
    /// [steps, batch, hidden], the Bahdanau keys and the bridged initial decoder state [layers, batch, hidden] out.
    /// </summary>
    public OnnxEncoding ExportOnnxEncoder(OnnxGraph graph, string rows, string lengths)
    {
        var encoded = graph.Recurrent(Encoder, graph.Embedding(SourceEmbedding, rows), graph.Cast(lengths, OnnxElementType.Int32));
        var hidden = graph.Tanh(graph.Dense(BridgeHidden, JoinDirections(graph, encoded.FinalHidden)));
        var cell = BridgeCell is null ? null : graph.Dense(BridgeCell, JoinDirections(graph, encoded.FinalCell!));
        var keys = IsBahdanau ? graph.AttentionKeys(Attention!, encoded.Sequence) : null;
        return new OnnxEncoding(encoded.Sequence, keys, hidden, cell);
    }

    /// <summary>
    /// Adds one evaluation-mode decoder step, as <see cref="DecodeStep"/> and <see cref="Project"/> compute it: returns
    /// the next token's log-probabilities [rows, vocabulary], the new state, the attentional vector to feed back and the
    /// attention weights [rows, source steps].
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="ids">Previous target token per row, int64 [rows].</param>
    /// <param name="hidden">Decoder hidden state [layers, rows, hidden].</param>
    /// <param name="cell">Decoder cell state (LSTM), or null.</param>
    /// <param name="feed">Previous attentional vector [rows, attended] (input feeding), or null.</param>
    /// <param name="memory">Encoder memory [source steps, rows, hidden] (attention only).</param>
    /// <param name="keys">Bahdanau keys [source steps, rows, attention] (Bahdanau only).</param>
    /// <param name="mask">Valid source positions, Boolean [rows, source steps] (attention only).</param>
    public OnnxStep ExportOnnxStep(OnnxGraph graph, string ids, string hidden, string? cell, string? feed, string? memory, string? keys, string? mask)
    {
        var parts = new List<string> { graph.Embedding(TargetEmbedding, ids) };
        string? context = null, weights = null;
        if (IsBahdanau)
        {
            var query = graph.Squeeze(graph.Slice(hidden, NumLayers - 1, NumLayers, 0), 0);
            (context, weights) = graph.Attention(Attention!, query, memory!, keys, mask!);
            parts.Add(context);
        }

        if (feed is not null)
        {
            parts.Add(feed);
        }

        var decoded = graph.Recurrent(Decoder, graph.Unsqueeze(graph.Concat(1, parts.ToArray()), 0), lengths: null, hidden, cell);
        if (Attention is not null && !IsBahdanau)
        {
            (context, weights) = graph.Attention(Attention, decoded.LastState, memory!, null, mask!);
        }

        var attended = graph.Tanh(graph.Dense(Combine, context is null ? decoded.LastState : graph.Concat(1, decoded.LastState, context)));
        var logProbabilities = graph.LogSoftmax(graph.Dense(Output, attended), axis: 1);
        return new OnnxStep(logProbabilities, decoded.FinalHidden, decoded.FinalCell, FeedSize > 0 ? attended : null, weights);
    }

    /// <summary>The ONNX form of <see cref="RowBlocks.JoinDirections"/>: [layers·directions, batch, width] → [layers, batch, directions·width].</summary>
    private string JoinDirections(OnnxGraph graph, string state) =>
        Directions == 1
            ? state
            : graph.Reshape(graph.Transpose(graph.Reshape(state, NumLayers, Directions, -1, EncoderHidden), 0, 2, 1, 3), NumLayers, -1, Directions * EncoderHidden);
}
