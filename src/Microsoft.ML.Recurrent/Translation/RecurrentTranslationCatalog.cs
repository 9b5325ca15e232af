using Microsoft.ML.Recurrent;

namespace Microsoft.ML;

/// <summary>Sequence-to-sequence translation on <c>mlContext.Transforms.Text</c>.</summary>
public static class RecurrentTranslationCatalog
{
    /// <summary>
    /// Trains an encoder-decoder LSTM with attention on pairs of source and target sentences, then translates the source
    /// column into <paramref name="outputColumnName"/> by beam search. Subword (BPE) vocabularies are learned from the
    /// training pairs. Every other setting has a tuned default; see <see cref="LstmTranslationOptions"/>.
    /// </summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputColumnName">Output column for the translations.</param>
    /// <param name="sourceColumnName">Text column in the source language.</param>
    /// <param name="targetColumnName">Text column with the reference translations, read only when training.</param>
    /// <param name="beamSize">Beams kept while decoding; 1 is greedy. Default 5.</param>
    public static LstmTranslationEstimator TranslateByLstm(
        this TransformsCatalog.TextTransforms catalog, string outputColumnName = "Translation", string sourceColumnName = "Source", string targetColumnName = "Target", int beamSize = 5) =>
        catalog.TranslateByLstm(new LstmTranslationOptions
        {
            OutputColumnName = outputColumnName,
            SourceColumnName = sourceColumnName,
            TargetColumnName = targetColumnName,
            Decoding = new Recurrent.Translation.DecodingOptions { BeamSize = beamSize },
        });

    /// <summary>Translates with an encoder-decoder configured by <paramref name="options"/>.</summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="options">Columns, decoding and model settings; see <see cref="LstmTranslationOptions"/> for their defaults.</param>
    public static LstmTranslationEstimator TranslateByLstm(this TransformsCatalog.TextTransforms catalog, LstmTranslationOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new LstmTranslationEstimator(options);
    }
}
