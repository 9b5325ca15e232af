using Microsoft.ML.Recurrent.Data;
using Microsoft.ML.Recurrent.Translation;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// Options of <c>mlContext.Transforms.Text.TranslateByLstm</c>: the source, target and output columns and the decoding
/// settings, plus every model setting of <see cref="TranslatorOptions"/> (subword vocabulary, encoder and decoder,
/// attention, scheduled sampling, label smoothing, early stopping) with the same documented defaults.
/// </summary>
public sealed class LstmTranslationOptions : TranslatorOptions
{
    /// <summary>Output column: the translation of each row's source text. Default "Translation".</summary>
    public string OutputColumnName { get; set; } = "Translation";

    /// <summary>Input column of source-language text, read when training and when translating. Default "Source".</summary>
    public string SourceColumnName { get; set; } = "Source";

    /// <summary>Column of target-language text (the reference translations), read only when training. Default "Target".</summary>
    public string TargetColumnName { get; set; } = "Target";

    /// <summary>How the transformer decodes: beam size, length penalty, maximum length, n-gram blocking. Default beam search with 5 beams.</summary>
    public DecodingOptions Decoding { get; set; } = new();

    /// <summary>Returns a copy (the decoding settings copied too).</summary>
    public override TranslatorOptions Clone()
    {
        var copy = (LstmTranslationOptions)base.Clone();
        copy.Decoding = Decoding.Clone();
        return copy;
    }

    /// <summary>Checks the columns, the decoding settings and every model option, naming the first invalid one.</summary>
    public override void Validate()
    {
        ColumnNameCheck.Require(OutputColumnName, nameof(LstmTranslationOptions), nameof(OutputColumnName));
        ColumnNameCheck.Require(SourceColumnName, nameof(LstmTranslationOptions), nameof(SourceColumnName));
        ColumnNameCheck.Require(TargetColumnName, nameof(LstmTranslationOptions), nameof(TargetColumnName));
        (Decoding ?? throw new ArgumentNullException(nameof(Decoding), "LstmTranslationOptions.Decoding must be set.")).Validate();
        base.Validate();
    }
}
