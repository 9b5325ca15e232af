namespace Microsoft.ML.Recurrent.TextGeneration;

/// <summary>One autocomplete suggestion from <see cref="CharLanguageModel.Complete"/>.</summary>
/// <param name="Text">The characters that continue the prefix, without the stop character (empty when the prefix already ends a word).</param>
/// <param name="LogProbability">Natural log of the model's probability of <paramref name="Text"/> followed by the stop character.</param>
/// <param name="StopCharacter">The white-space or punctuation character that ends the completion, or null when it reached the length limit.</param>
public sealed record Completion(string Text, double LogProbability, string? StopCharacter);
