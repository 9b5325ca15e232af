namespace Microsoft.ML.Recurrent.TextClassification;

/// <summary>What the classifier says about one text: class probabilities and, with attention pooling, how much each token counted.</summary>
public sealed class TextPrediction
{
    private readonly float[] probabilities;

    internal TextPrediction(float[] probabilities, IReadOnlyList<string> tokens, float[]? attentionWeights)
    {
        this.probabilities = probabilities;
        Tokens = tokens;
        AttentionWeights = attentionWeights;
        PredictedClass = ClassificationMetrics.ArgMax(probabilities);
    }

    /// <summary>The most probable class (the lowest index on a tie).</summary>
    public int PredictedClass { get; }

    /// <summary>Probability of each class; they sum to 1.</summary>
    public IReadOnlyList<float> Probabilities => probabilities;

    /// <summary>
    /// The tokens the model read, after truncation: the tokenizer's tokens for raw text, the token names (or "#id") for
    /// token ids. Tokens outside the vocabulary are shown as written; the model saw them as unknown.
    /// </summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>With attention pooling, the weight of each token in <see cref="Tokens"/> (they sum to 1); otherwise null.</summary>
    public IReadOnlyList<float>? AttentionWeights { get; }

    /// <summary>The <paramref name="count"/> tokens with the largest attention weights, largest first (empty without attention pooling).</summary>
    public IReadOnlyList<(string Token, float Weight)> MostAttended(int count = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return AttentionWeights is null
            ? []
            : AttentionWeights.Select((weight, t) => (Tokens[t], weight)).OrderByDescending(p => p.weight).Take(count).ToArray();
    }
}
