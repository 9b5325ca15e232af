using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Mapping;
using Microsoft.ML.Recurrent.Persistence;
using Microsoft.ML.Recurrent.Translation;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// A trained translator as an ML.NET transformer: it appends the translation of each row's source text, decoded with
/// <see cref="Decoding"/>. For n-best lists, scores and attention matrices, use <see cref="Model"/>.
/// </summary>
public sealed class LstmTranslationTransformer : RecurrentTransformerBase
{
    internal const string Kind = "LstmTranslationTransformer";
    private const int FormatVersion = 1;

    private readonly TranslationColumns columns;
    private readonly DecodingOptions decoding;

    internal LstmTranslationTransformer(Translator model, TranslationColumns columns, DecodingOptions decoding)
    {
        Model = model;
        this.columns = columns;
        this.decoding = decoding;
    }

    /// <summary>The trained model (ML.NET-free): n-best translations, attention matrices, BLEU and chrF evaluation.</summary>
    public Translator Model { get; }

    /// <summary>Exports the encoder and one decoder step to ONNX in <paramref name="directory"/>; see <see cref="Translator.ExportOnnx"/>.</summary>
    public void ExportOnnx(string directory) => Model.ExportOnnx(directory);

    /// <summary>A copy of the decoding settings the transformer translates with.</summary>
    public DecodingOptions Decoding => decoding.Clone();

    internal override IReadOnlyList<OutputColumn> OutputColumns => columns.Outputs;

    internal override IReadOnlyList<string> InputColumnNames => [columns.Source];

    internal override string ModelKind => Kind;

    internal string SourceColumn => columns.Source;

    internal DecodingOptions DecodingSettings => decoding;

    internal override void CheckInputSchema(DataViewSchema inputSchema) => columns.CheckSource(inputSchema);

    internal override RowComputation CreateComputation(DataViewRow input) => new TranslationComputation(this, input);

    internal override void SaveModel(Stream stream)
    {
        TransformerHeader.Write(stream, Kind, FormatVersion, new JsonObject
        {
            ["output"] = columns.Output,
            ["source"] = columns.Source,
            ["target"] = columns.Target,
            ["beamSize"] = decoding.BeamSize,
            ["lengthPenalty"] = decoding.LengthPenalty,
            ["maxLength"] = decoding.MaxLength,
            ["noRepeatNGramSize"] = decoding.NoRepeatNGramSize,
        });
        Model.Save(stream);
    }

    /// <summary>Reads a transformer written by <see cref="SaveModel"/>.</summary>
    /// <exception cref="ModelFormatException">The header or the translator is damaged.</exception>
    internal static LstmTranslationTransformer Load(Stream stream)
    {
        var a = TransformerHeader.Read(stream, Kind, FormatVersion);
        var columns = new TranslationColumns(a.String("output"), a.String("source"), a.String("target"));
        var decoding = new DecodingOptions
        {
            BeamSize = a.Int32("beamSize"),
            LengthPenalty = a.Single("lengthPenalty"),
            MaxLength = a.Int32("maxLength"),
            NoRepeatNGramSize = a.Int32("noRepeatNGramSize"),
        };
        a.Validate(decoding.Validate);
        return new LstmTranslationTransformer(Translator.Load(stream), columns, decoding);
    }
}
