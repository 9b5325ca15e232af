using Microsoft.ML.Recurrent.Data;
using Microsoft.ML.Recurrent.TextGeneration;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// Trains a character-level LSTM (or GRU) language model on a text column and produces a
/// <see cref="LstmTextCompletionTransformer"/> that completes the last word of each row. Created by
/// <c>mlContext.Transforms.Text.CompleteByLstm</c>.
/// </summary>
public sealed class LstmTextCompletionEstimator : IEstimator<LstmTextCompletionTransformer>
{
    private readonly LstmTextCompletionOptions options;
    private readonly TextCompletionColumns columns;

    internal LstmTextCompletionEstimator(LstmTextCompletionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = (LstmTextCompletionOptions)options.Clone();
        columns = TextCompletionColumns.From(options);
    }

    /// <summary>Joins the rows of the text column with line breaks and trains the language model on them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or is not text (the message names it).</exception>
    /// <exception cref="ArgumentException">The text is empty or too short for the batch layout.</exception>
    public LstmTextCompletionTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        columns.Check(input.Schema);
        string corpus = string.Join('\n', DataViewColumns.ReadText(input, input.Schema[columns.Input]));
        try
        {
            return new LstmTextCompletionTransformer(CharLanguageModel.Fit(corpus, options), columns);
        }
        catch (ArgumentException ex) when (ex.ParamName is "trainingText" or "validationText")
        {
            throw new ArgumentException($"{ex.Message} (The corpus is every row of column '{columns.Input}', joined by line breaks: {corpus.Length} characters.)", nameof(input), ex);
        }
    }

    /// <summary>The input schema with the completion column(s) appended.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        columns.Check(inputSchema);
        return SchemaShapes.Append(inputSchema, columns.Outputs);
    }
}
