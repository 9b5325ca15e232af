using Microsoft.ML.Recurrent.Data;
using Microsoft.ML.Recurrent.Translation;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// Trains an encoder-decoder translator with attention on the source and target text columns of a data view and produces
/// a <see cref="LstmTranslationTransformer"/>. Created by <c>mlContext.Transforms.Text.TranslateByLstm</c>.
/// </summary>
public sealed class LstmTranslationEstimator : IEstimator<LstmTranslationTransformer>
{
    private readonly LstmTranslationOptions options;
    private readonly TranslationColumns columns;

    internal LstmTranslationEstimator(LstmTranslationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = (LstmTranslationOptions)options.Clone();
        columns = TranslationColumns.From(options);
    }

    /// <summary>Reads the sentence pairs of <paramref name="input"/> and trains the translator.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or is not text (the message names it).</exception>
    /// <exception cref="ArgumentException">A sentence is blank, or no pair fits the maximum training length; the message names the row.</exception>
    public LstmTranslationTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        columns.CheckTraining(input.Schema);
        string[] sources = DataViewColumns.ReadText(input, input.Schema[columns.Source]);
        string[] targets = DataViewColumns.ReadText(input, input.Schema[columns.Target]);
        try
        {
            return new LstmTranslationTransformer(Translator.Fit(sources, targets, options), columns, options.Decoding.Clone());
        }
        catch (ArgumentException ex) when (ex is not ArgumentOutOfRangeException)
        {
            throw new ArgumentException($"{ex.Message} (Rows are counted from 0 in data order; source column '{columns.Source}', target column '{columns.Target}'.)", nameof(input), ex);
        }
    }

    /// <summary>The input schema with the translation column appended.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        columns.CheckTraining(inputSchema);
        return SchemaShapes.Append(inputSchema, columns.Outputs);
    }
}
