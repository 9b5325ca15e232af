namespace Microsoft.ML.Recurrent.Translation;

/// <summary>One translation of a source sentence.</summary>
public sealed class Translation
{
    internal Translation(string text, IReadOnlyList<string> tokens, IReadOnlyList<string> sourceTokens, double score, double logProbability, float[,]? attentionMatrix)
    {
        Text = text;
        Tokens = tokens;
        SourceTokens = sourceTokens;
        Score = score;
        LogProbability = logProbability;
        AttentionMatrix = attentionMatrix;
    }

    /// <summary>The translated text, detokenized (subwords joined, normal spacing around punctuation).</summary>
    public string Text { get; }

    /// <summary>The generated target tokens (subwords carry the <c>@@</c> continuation marker), without the end of sentence.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>The source tokens the model read, ending with the end-of-sentence token <c>&lt;/s&gt;</c>.</summary>
    public IReadOnlyList<string> SourceTokens { get; }

    /// <summary>The ranking score: <see cref="LogProbability"/> divided by the length normaliser of <see cref="DecodingOptions.LengthPenalty"/>.</summary>
    public double Score { get; }

    /// <summary>Natural log of the model's probability of the tokens and the end of sentence (without it when the length limit cut the output).</summary>
    public double LogProbability { get; }

    /// <summary>
    /// Attention weights [<see cref="Tokens"/>.Count, <see cref="SourceTokens"/>.Count]: row i is the distribution over the
    /// source tokens when token i was generated (each row sums to 1). Null for a model without attention.
    /// </summary>
    public float[,]? AttentionMatrix { get; }

    /// <inheritdoc />
    public override string ToString() => Text;
}
