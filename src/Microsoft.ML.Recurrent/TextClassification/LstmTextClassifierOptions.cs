using Microsoft.ML.Recurrent.Data;
using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// Options of the recurrent text classifier trainers (<c>mlContext.BinaryClassification.Trainers.LstmTextClassifier</c>
/// and its multiclass counterpart): which columns hold the label, the text and any extra features, which columns to
/// write, plus every model setting of <see cref="TextClassifierOptions"/> (tokenization, embedding, LSTM or GRU, layers,
/// bidirectional, pooling, dropout, training) with the same documented defaults.
/// </summary>
public sealed class LstmTextClassifierOptions : TextClassifierOptions
{
    /// <summary>
    /// Label column: <see cref="bool"/> for binary classification, a key (for example from MapValueToKey) for multiclass.
    /// Default "Label".
    /// </summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>
    /// Input column: raw text (tokenized by the model, see <see cref="TextClassifierOptions.Tokenization"/>), or a vector
    /// of keys from ML.NET's own TokenizeIntoWords then MapValueToKey. Default "Text".
    /// </summary>
    public string TextColumnName { get; set; } = "Text";

    /// <summary>
    /// Optional known-size vector-of-<see cref="float"/> column joined to the recurrent representation before the output
    /// layer (wide and deep), for example FeaturizeText's n-gram bag. Default null: none.
    /// </summary>
    public string? ExtraFeaturesColumnName { get; set; }

    /// <summary>
    /// Output score column. Binary: the log-odds of the positive class (a <see cref="float"/>). Multiclass: the vector of
    /// class probabilities. Default "Score".
    /// </summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>Output column of the positive class's probability; binary classification only. Default "Probability".</summary>
    public string ProbabilityColumnName { get; set; } = "Probability";

    /// <summary>Output predicted-label column: <see cref="bool"/> for binary, a key of the label's type for multiclass. Default "PredictedLabel".</summary>
    public string PredictedLabelColumnName { get; set; } = "PredictedLabel";

    /// <summary>
    /// Optional output column with the attention weight of every token the model read (a variable-length vector of
    /// <see cref="float"/> summing to 1), which shows the words that drove a prediction. Needs
    /// <see cref="TextClassifierOptions.Pooling"/> = <see cref="PoolingMode.Attention"/>. Default null: none.
    /// </summary>
    public string? AttentionWeightsColumnName { get; set; }

    /// <summary>A copy with the same settings (the progress callback is shared), so later changes do not reach a trainer.</summary>
    internal LstmTextClassifierOptions Copy()
    {
        var copy = (LstmTextClassifierOptions)MemberwiseClone();
        copy.ClassWeights = ClassWeights?.ToArray();
        return copy;
    }

    /// <summary>Checks the columns and every model option, naming the first invalid one.</summary>
    /// <exception cref="ArgumentException">An option is missing or out of range.</exception>
    public new void Validate()
    {
        ColumnNameCheck.Require(LabelColumnName, nameof(LstmTextClassifierOptions), nameof(LabelColumnName));
        ColumnNameCheck.Require(TextColumnName, nameof(LstmTextClassifierOptions), nameof(TextColumnName));
        ColumnNameCheck.Require(ScoreColumnName, nameof(LstmTextClassifierOptions), nameof(ScoreColumnName));
        ColumnNameCheck.Require(ProbabilityColumnName, nameof(LstmTextClassifierOptions), nameof(ProbabilityColumnName));
        ColumnNameCheck.Require(PredictedLabelColumnName, nameof(LstmTextClassifierOptions), nameof(PredictedLabelColumnName));
        if (AttentionWeightsColumnName is not null && Pooling != PoolingMode.Attention)
        {
            throw new ArgumentException(
                $"LstmTextClassifierOptions.AttentionWeightsColumnName is set, but Pooling is {Pooling}; attention weights need Pooling = Attention.",
                nameof(AttentionWeightsColumnName));
        }

        base.Validate();
    }
}
