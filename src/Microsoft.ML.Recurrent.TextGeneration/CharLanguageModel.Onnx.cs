using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Onnx;
using Microsoft.ML.Recurrent.Engine.Persistence;

namespace Microsoft.ML.Recurrent.TextGeneration;

public sealed partial class CharLanguageModel
{
    /// <summary>Name of the exported step's character input: int64 [batch], ids of the vocabulary file.</summary>
    public const string OnnxTokenIdsInput = "token_ids";

    /// <summary>Name of the exported step's hidden-state input: float [layers, batch, hidden] (zeros to start).</summary>
    public const string OnnxHiddenInput = "hidden";

    /// <summary>Name of the exported step's cell-state input: float [layers, batch, hidden] (LSTM only; zeros to start).</summary>
    public const string OnnxCellInput = "cell";

    /// <summary>Name of the exported step's logits output: float [batch, vocabulary].</summary>
    public const string OnnxLogitsOutput = "logits";

    /// <summary>Name of the exported step's next-character probabilities: float [batch, vocabulary].</summary>
    public const string OnnxProbabilitiesOutput = "probabilities";

    /// <summary>Name of the exported step's hidden-state output (feed it to the next step).</summary>
    public const string OnnxHiddenOutput = "hidden_out";

    /// <summary>Name of the exported step's cell-state output (LSTM only; feed it to the next step).</summary>
    public const string OnnxCellOutput = "cell_out";

    /// <summary>
    /// Exports one step of the model to ONNX (opset 17) at <paramref name="path"/>, for streaming generation in any
    /// ONNX runtime, and the alphabet to <see cref="OnnxVocabularyPath"/>(<paramref name="path"/>); both are written
    /// atomically. The step takes <c>token_ids</c> int64 [batch] and the state (<c>hidden</c>, and <c>cell</c> for an
    /// LSTM: float [layers, batch, hidden], zeros for a new stream) and returns <c>logits</c> and <c>probabilities</c>
    /// [batch, vocabulary] of the next character and the new state (<c>hidden_out</c>, <c>cell_out</c>). Feed a prefix
    /// one character at a time (an empty prefix as "\n"), then sample from the probabilities and feed the sample.
    /// </summary>
    /// <param name="path">The .onnx file to write.</param>
    public void ExportOnnx(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var graph = new OnnxGraph("char_language_model_step", "Character language model step exported by Microsoft.ML.Recurrent: a character and the state in, next-character logits and the new state out.");
        int layers = network.Recurrent.NumLayers, hiddenSize = network.Recurrent.HiddenSize, classes = network.VocabularySize;
        var ids = graph.Input(OnnxTokenIdsInput, OnnxElementType.Int64, "batch");
        var hidden = graph.Input(OnnxHiddenInput, OnnxElementType.Float, layers, "batch", hiddenSize);
        var cell = network.Recurrent.HasCellState ? graph.Input(OnnxCellInput, OnnxElementType.Float, layers, "batch", hiddenSize) : null;
        var step = network.ExportOnnxStep(graph, ids, hidden, cell);
        graph.Output(OnnxLogitsOutput, step.Logits, OnnxElementType.Float, "batch", classes);
        graph.Output(OnnxProbabilitiesOutput, graph.Softmax(step.Logits, axis: 1), OnnxElementType.Float, "batch", classes);
        graph.Output(OnnxHiddenOutput, step.Hidden, OnnxElementType.Float, layers, "batch", hiddenSize);
        if (step.Cell is not null)
        {
            graph.Output(OnnxCellOutput, step.Cell, OnnxElementType.Float, layers, "batch", hiddenSize);
        }

        graph.Metadata("kind", "CharLanguageModel");
        graph.Metadata("vocabulary", Path.GetFileName(OnnxVocabularyPath(path)));
        graph.Save(path);
        var json = new JsonObject
        {
            ["format"] = "Microsoft.ML.Recurrent.CharLanguageModel.Onnx",
            ["version"] = 1,
            ["vocabulary"] = vocabulary.Vocabulary.ToJson(),
            ["emptyPrefixContext"] = EmptyPrefixContext,
        };
        ModelPath.WriteJsonAtomically(OnnxVocabularyPath(path), json);
    }

    /// <summary>
    /// The alphabet file written beside an exported model: <c>model.onnx</c> → <c>model.vocabulary.json</c>, whose
    /// <c>vocabulary.tokens</c> lists one character per id (ids 0–3 are the special tokens; unseen characters take id 1).
    /// </summary>
    public static string OnnxVocabularyPath(string onnxPath) => Path.ChangeExtension(onnxPath, ".vocabulary.json");
}
