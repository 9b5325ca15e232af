using Microsoft.ML.Recurrent.Data;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.TextGeneration;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// Options of <c>mlContext.Transforms.Text.CompleteByLstm</c>: the text column to learn from and to complete, the output
/// columns and the completion search, plus every model setting of <see cref="CharLanguageModelOptions"/> (LSTM or GRU,
/// layers, hidden size, dropout, truncated backpropagation window, time budget) with the same documented defaults.
/// </summary>
public sealed class LstmTextCompletionOptions : CharLanguageModelOptions
{
    /// <summary>
    /// Text column. Training reads every row, joined by line breaks, as one corpus; the transformer completes the last
    /// word of each row's text. Default "Text".
    /// </summary>
    public string InputColumnName { get; set; } = "Text";

    /// <summary>Output column: the most likely completion of the row's last word (the characters to append, without the stop character). Default "Completion".</summary>
    public string OutputColumnName { get; set; } = "Completion";

    /// <summary>Optional output column with the <see cref="CompletionCount"/> most likely distinct completions, best first (a vector of text; empty slots when fewer are found). Default null: none.</summary>
    public string? CompletionsColumnName { get; set; }

    /// <summary>Number of completions in <see cref="CompletionsColumnName"/>, from 1 to <see cref="CharLanguageModel.MaxCompletionCount"/>. Default 5.</summary>
    public int CompletionCount { get; set; } = 5;

    /// <summary>Longest completion, in characters, from 1 to <see cref="CharLanguageModel.MaxCompletionLength"/>. Default 24.</summary>
    public int MaxCompletionLength { get; set; } = 24;

    /// <summary>Checks the columns, the completion settings and every model option, naming the first invalid one.</summary>
    /// <exception cref="ArgumentException">An option is missing or out of range.</exception>
    public new void Validate()
    {
        ColumnNameCheck.Require(InputColumnName, nameof(LstmTextCompletionOptions), nameof(InputColumnName));
        ColumnNameCheck.Require(OutputColumnName, nameof(LstmTextCompletionOptions), nameof(OutputColumnName));
        if (CompletionsColumnName is not null)
        {
            ColumnNameCheck.Require(CompletionsColumnName, nameof(LstmTextCompletionOptions), nameof(CompletionsColumnName));
        }

        SizeLimits.Require(CompletionCount, 1, CharLanguageModel.MaxCompletionCount, nameof(CompletionCount), nameof(LstmTextCompletionOptions));
        SizeLimits.Require(MaxCompletionLength, 1, CharLanguageModel.MaxCompletionLength, nameof(MaxCompletionLength), nameof(LstmTextCompletionOptions));

        base.Validate();
    }
}
