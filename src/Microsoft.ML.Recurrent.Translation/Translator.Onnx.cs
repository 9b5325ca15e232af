using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Onnx;
using Microsoft.ML.Recurrent.Engine.Persistence;

namespace Microsoft.ML.Recurrent.Translation;

public sealed partial class Translator
{
    /// <summary>File name of the exported encoder in the export directory.</summary>
    public const string OnnxEncoderFile = "encoder.onnx";

    /// <summary>File name of the exported decoder step in the export directory.</summary>
    public const string OnnxDecoderFile = "decoder_step.onnx";

    /// <summary>File name of both sides' text pipelines (tokenizer, subwords, vocabulary) in the export directory.</summary>
    public const string OnnxTokenizersFile = "tokenizers.json";

    /// <summary>
    /// Exports the model to ONNX (opset 17) in <paramref name="directory"/> (created if needed), each file written
    /// atomically: <see cref="OnnxEncoderFile"/>, <see cref="OnnxDecoderFile"/> and <see cref="OnnxTokenizersFile"/>.
    /// <para>
    /// The encoder takes <c>source_ids</c> int64 [batch, steps] (source vocabulary ids ending with &lt;/s&gt; = 3, padded
    /// with 0) and <c>source_lengths</c> int64 [batch]; it returns <c>memory</c> [steps, batch, hidden] (time-major),
    /// <c>memory_keys</c> (Bahdanau attention only) and the decoder's initial <c>hidden</c> (and <c>cell</c> for an LSTM)
    /// [layers, batch, hidden]. The decoder step takes <c>token_ids</c> int64 [rows] (&lt;s&gt; = 2 at the first step),
    /// <c>hidden</c>, <c>cell</c>, <c>feed</c> [rows, attended] (input feeding only; zeros at the first step), and with
    /// attention <c>memory</c>, <c>memory_keys</c> and <c>source_lengths</c> repeated per row; it returns
    /// <c>log_probabilities</c> [rows, target vocabulary], <c>hidden_out</c>, <c>cell_out</c>, <c>feed_out</c> and
    /// <c>attention_weights</c> [rows, steps]. Rows may hold several hypotheses per source: reorder the state, feed and
    /// memory rows between steps for beam search. Greedy decoding takes the most likely token (ties to the smallest id)
    /// until &lt;/s&gt; = 3 or 2 × (source tokens without &lt;/s&gt;) + 10 tokens, as <see cref="DecodingOptions.Greedy"/> does.
    /// </para>
    /// </summary>
    /// <param name="directory">The directory to write the three files to.</param>
    public void ExportOnnx(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        int layers = network.NumLayers, hidden = network.HiddenSize;
        bool lstm = network.BridgeCell is not null, attention = network.Attention is not null, bahdanau = options.Attention == AttentionType.Bahdanau;

        var encoder = new OnnxGraph("translator_encoder", "Translator encoder exported by Microsoft.ML.Recurrent: source ids in, attention memory and initial decoder state out.");
        var sourceIds = encoder.Input("source_ids", OnnxElementType.Int64, "batch", "source_steps");
        var sourceLengths = encoder.Input("source_lengths", OnnxElementType.Int64, "batch");
        var encoding = network.ExportOnnxEncoder(encoder, encoder.Transpose(sourceIds, 1, 0), sourceLengths);
        encoder.Output("memory", encoding.Memory, OnnxElementType.Float, "source_steps", "batch", hidden);
        if (encoding.Keys is not null)
        {
            encoder.Output("memory_keys", encoding.Keys, OnnxElementType.Float, "source_steps", "batch", network.Attention!.AttentionSize);
        }

        encoder.Output("hidden", encoding.Hidden, OnnxElementType.Float, layers, "batch", hidden);
        if (encoding.Cell is not null)
        {
            encoder.Output("cell", encoding.Cell, OnnxElementType.Float, layers, "batch", hidden);
        }

        var step = new OnnxGraph("translator_decoder_step", "Translator decoder step exported by Microsoft.ML.Recurrent: previous token and state in, next-token log-probabilities and new state out.");
        var ids = step.Input("token_ids", OnnxElementType.Int64, "rows");
        var state = step.Input("hidden", OnnxElementType.Float, layers, "rows", hidden);
        var cell = lstm ? step.Input("cell", OnnxElementType.Float, layers, "rows", hidden) : null;
        var feed = network.FeedSize > 0 ? step.Input("feed", OnnxElementType.Float, "rows", network.FeedSize) : null;
        string? memory = null, keys = null, mask = null;
        if (attention)
        {
            memory = step.Input("memory", OnnxElementType.Float, "source_steps", "rows", hidden);
            keys = bahdanau ? step.Input("memory_keys", OnnxElementType.Float, "source_steps", "rows", network.Attention!.AttentionSize) : null;
            mask = step.LengthMask(step.Input("source_lengths", OnnxElementType.Int64, "rows"), step.Dim(memory, 0));
        }

        var result = network.ExportOnnxStep(step, ids, state, cell, feed, memory, keys, mask);
        step.Output("log_probabilities", result.LogProbabilities, OnnxElementType.Float, "rows", network.TargetVocabularySize);
        step.Output("hidden_out", result.Hidden, OnnxElementType.Float, layers, "rows", hidden);
        if (result.Cell is not null)
        {
            step.Output("cell_out", result.Cell, OnnxElementType.Float, layers, "rows", hidden);
        }

        if (result.Feed is not null)
        {
            step.Output("feed_out", result.Feed, OnnxElementType.Float, "rows", network.FeedSize);
        }

        if (result.Weights is not null)
        {
            step.Output("attention_weights", result.Weights, OnnxElementType.Float, "rows", "source_steps");
        }

        encoder.Metadata("kind", Kind);
        step.Metadata("kind", Kind);
        encoder.Save(Path.Combine(directory, OnnxEncoderFile));
        step.Save(Path.Combine(directory, OnnxDecoderFile));
        var json = new JsonObject
        {
            ["format"] = "Microsoft.ML.Recurrent.Translator.Onnx",
            ["version"] = 1,
            ["source"] = SourceEncoder.ToJson(),
            ["target"] = TargetEncoder.ToJson(),
            ["beginId"] = Text.Vocabularies.Vocabulary.BeginId,
            ["endId"] = Text.Vocabularies.Vocabulary.EndId,
        };
        ModelPath.WriteJsonAtomically(Path.Combine(directory, OnnxTokenizersFile), json);
    }
}
