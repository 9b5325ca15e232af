namespace Microsoft.ML.Recurrent.TextGeneration;

/// <summary>How well a <see cref="CharLanguageModel"/> predicts a text, from <see cref="CharLanguageModel.Evaluate"/>.</summary>
/// <param name="NatsPerCharacter">Mean cross-entropy of each next character, in nats (the validation loss).</param>
/// <param name="Characters">Number of characters predicted (the text's length minus the first, which is only context).</param>
public sealed record LanguageModelMetrics(double NatsPerCharacter, long Characters)
{
    /// <summary>Mean cross-entropy in bits: nats / ln 2.</summary>
    public double BitsPerCharacter => NatsPerCharacter / Math.Log(2);

    /// <summary>Per-character perplexity: e^nats.</summary>
    public double Perplexity => Math.Exp(NatsPerCharacter);
}
