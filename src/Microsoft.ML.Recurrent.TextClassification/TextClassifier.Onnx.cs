using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Onnx;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.TextClassification.Input;

namespace Microsoft.ML.Recurrent.TextClassification;

public sealed partial class TextClassifier
{
    /// <summary>Name of the exported graph's token input: int64 [batch, sequence].</summary>
    public const string OnnxTokenIdsInput = "token_ids";

    /// <summary>Name of the exported graph's length input: int64 [batch].</summary>
    public const string OnnxLengthsInput = "lengths";

    /// <summary>Name of the exported graph's extra-feature input: float [batch, ExtraFeatureCount] (models with a wide part only).</summary>
    public const string OnnxExtraFeaturesInput = "extra_features";

    /// <summary>Name of the exported graph's output: float [batch, ClassCount], each row summing to 1.</summary>
    public const string OnnxProbabilitiesOutput = "probabilities";

    /// <summary>Name of the exported graph's attention output: float [batch, sequence] (attention pooling only).</summary>
    public const string OnnxAttentionOutput = "attention_weights";

    /// <summary>
    /// Exports the model to ONNX (opset 17) at <paramref name="path"/>, and its tokenizer and vocabulary to
    /// <see cref="OnnxTokenizerPath"/>(<paramref name="path"/>); both files are written atomically. The graph takes
    /// <c>token_ids</c> int64 [batch, sequence] padded with 0, <c>lengths</c> int64 [batch] (each at least 1) and,
    /// when the model has a wide part, <c>extra_features</c> float [batch, ExtraFeatureCount]; it returns
    /// <c>probabilities</c> float [batch, classes] (and <c>attention_weights</c> [batch, sequence] with attention
    /// pooling). Tokens past MaxLength are ignored, as by <see cref="Predict(string, float[])"/>. The token ids are the
    /// vocabulary ids of the JSON file's tokenizer output (raw-text models; unknown tokens are id 1), or the model's
    /// external ids (token-id models: 0-based, -1 for unknown tokens; for ML.NET key columns, the key minus 1).
    /// </summary>
    /// <param name="path">The .onnx file to write.</param>
    public void ExportOnnx(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var graph = new OnnxGraph("text_classifier", "Recurrent text classifier exported by Microsoft.ML.Recurrent: token ids and lengths in, class probabilities out.");
        var ids = graph.Input(OnnxTokenIdsInput, OnnxElementType.Int64, "batch", "sequence");
        var lengths = graph.Input(OnnxLengthsInput, OnnxElementType.Int64, "batch");
        var extras = ExtraFeatureCount > 0 ? graph.Input(OnnxExtraFeaturesInput, OnnxElementType.Float, "batch", ExtraFeatureCount) : null;

        // Keep at most MaxLength tokens, time-major; map external ids to embedding rows.
        var kept = graph.Slice(ids, 0, input.MaxLength, 1);
        lengths = graph.Node("Min", [lengths, graph.Int64s(input.MaxLength)]);
        var rows = graph.Transpose(kept, 1, 0);
        if (input is TokenIdInput tokenIds)
        {
            var table = tokenIds.RowsOfShiftedIds();
            rows = graph.Gather(graph.Constant("rows_of_ids", table, table.Length), graph.Add(rows, graph.Int64s(1)));
        }

        var logits = network.ExportOnnx(graph, rows, lengths, extras, out var attention);
        graph.Output(OnnxProbabilitiesOutput, graph.Softmax(logits, axis: 1), OnnxElementType.Float, "batch", ClassCount);
        if (attention is not null)
        {
            graph.Output(OnnxAttentionOutput, attention, OnnxElementType.Float, "batch", "sequence");
        }

        graph.Metadata("kind", Kind);
        graph.Metadata("tokenizer", Path.GetFileName(OnnxTokenizerPath(path)));
        graph.Save(path);
        var json = new JsonObject
        {
            ["format"] = "Microsoft.ML.Recurrent.TextClassifier.Onnx",
            ["version"] = 1,
            ["classCount"] = ClassCount,
            ["extraFeatureCount"] = ExtraFeatureCount,
            ["input"] = input.ToJson(),
        };
        ModelPath.WriteJsonAtomically(OnnxTokenizerPath(path), json);
    }

    /// <summary>
    /// The tokenizer file written beside an exported model: <c>model.onnx</c> → <c>model.tokenizer.json</c>. Its
    /// <c>input.encoder</c> object is the text layer's <c>TextEncoder</c> JSON (tokenizer settings and vocabulary in id
    /// order), readable with <c>TextEncoder.FromJson</c>; token-id models have <c>input.vocabulary</c> instead.
    /// </summary>
    public static string OnnxTokenizerPath(string onnxPath) => Path.ChangeExtension(onnxPath, ".tokenizer.json");
}
