using Microsoft.ML.Recurrent;

namespace Microsoft.ML;

/// <summary>Character-level autocomplete on <c>mlContext.Transforms.Text</c>.</summary>
public static class RecurrentTextCompletionCatalog
{
    /// <summary>
    /// Trains a character-level LSTM language model on the rows of <paramref name="inputColumnName"/> and writes, for each
    /// row, the most likely completion of its last word to <paramref name="outputColumnName"/>. Every other setting has a
    /// default; see <see cref="LstmTextCompletionOptions"/> (training stops after its time budget, 20 minutes by default).
    /// </summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="outputColumnName">Output text column with the completion.</param>
    /// <param name="inputColumnName">Text column to learn from and to complete.</param>
    /// <param name="maxCompletionLength">Longest completion, in characters. Default 24.</param>
    public static LstmTextCompletionEstimator CompleteByLstm(
        this TransformsCatalog.TextTransforms catalog, string outputColumnName = "Completion", string inputColumnName = "Text", int maxCompletionLength = 24) =>
        catalog.CompleteByLstm(new LstmTextCompletionOptions { OutputColumnName = outputColumnName, InputColumnName = inputColumnName, MaxCompletionLength = maxCompletionLength });

    /// <summary>Completes text with a language model configured by <paramref name="options"/>.</summary>
    /// <param name="catalog">The text transforms catalog.</param>
    /// <param name="options">Columns, completion and model settings; see <see cref="LstmTextCompletionOptions"/> for their defaults.</param>
    public static LstmTextCompletionEstimator CompleteByLstm(this TransformsCatalog.TextTransforms catalog, LstmTextCompletionOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new LstmTextCompletionEstimator(options);
    }
}
