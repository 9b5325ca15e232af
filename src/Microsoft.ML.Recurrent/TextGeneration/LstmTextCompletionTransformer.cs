using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Mapping;
using Microsoft.ML.Recurrent.Persistence;
using Microsoft.ML.Recurrent.TextGeneration;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// A trained character-level language model as an ML.NET transformer: it appends the most likely completion of the last
/// word of each row's text (beam search up to a space, punctuation or line break), and optionally the top completions.
/// For sampling, streaming generation and bits per character, use <see cref="Model"/>.
/// </summary>
public sealed class LstmTextCompletionTransformer : RecurrentTransformerBase
{
    internal const string Kind = "LstmTextCompletionTransformer";
    private const int FormatVersion = 1;

    private readonly TextCompletionColumns columns;

    internal LstmTextCompletionTransformer(CharLanguageModel model, TextCompletionColumns columns)
    {
        Model = model;
        this.columns = columns;
    }

    /// <summary>The trained language model (ML.NET-free): generation with temperature, top-k and top-p, completion, evaluation.</summary>
    public CharLanguageModel Model { get; }

    /// <summary>Exports one streaming step of the language model to ONNX at <paramref name="path"/>; see <see cref="CharLanguageModel.ExportOnnx"/>.</summary>
    public void ExportOnnx(string path) => Model.ExportOnnx(path);

    internal override IReadOnlyList<OutputColumn> OutputColumns => columns.Outputs;

    internal override IReadOnlyList<string> InputColumnNames => [columns.Input];

    internal override string ModelKind => Kind;

    internal TextCompletionColumns Columns => columns;

    internal override void CheckInputSchema(DataViewSchema inputSchema) => columns.Check(inputSchema);

    internal override RowComputation CreateComputation(DataViewRow input) => new TextCompletionComputation(this, input);

    internal override void SaveModel(Stream stream)
    {
        TransformerHeader.Write(stream, Kind, FormatVersion, new JsonObject
        {
            ["input"] = columns.Input,
            ["output"] = columns.Output,
            ["completions"] = columns.Completions,
            ["completionCount"] = columns.CompletionCount,
            ["maxCompletionLength"] = columns.MaxCompletionLength,
        });
        Model.Save(stream);
    }

    /// <summary>Reads a transformer written by <see cref="SaveModel"/>.</summary>
    /// <exception cref="ModelFormatException">The header or the language model is damaged.</exception>
    internal static LstmTextCompletionTransformer Load(Stream stream)
    {
        var a = TransformerHeader.Read(stream, Kind, FormatVersion);
        var columns = new TextCompletionColumns(
            a.String("input"), a.String("output"), a.OptionalString("completions"), a.Int32("completionCount", 1, CharLanguageModel.MaxCompletionCount),
            a.Int32("maxCompletionLength", 1, CharLanguageModel.MaxCompletionLength));
        return new LstmTextCompletionTransformer(CharLanguageModel.Load(stream), columns);
    }
}
