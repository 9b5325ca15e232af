using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Text.Vocabularies;

namespace Microsoft.ML.Recurrent.TextClassification.Input;

/// <summary>
/// Turns one input form (raw text, or token ids of an external vocabulary) into embedding rows: the ids of
/// <see cref="Vocabulary"/>, where row 0 is padding and row 1 stands for every unknown or rare token. Immutable and
/// thread safe.
/// </summary>
internal abstract class TokenInput
{
    private protected TokenInput(Vocabulary vocabulary, int maxLength)
    {
        Vocabulary = vocabulary;
        MaxLength = maxLength;
    }

    /// <summary>The embedding rows and the tokens they stand for.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>Tokens kept from the start of each input.</summary>
    public int MaxLength { get; }

    /// <summary>The settings and vocabulary as JSON, for the model file.</summary>
    public abstract JsonObject ToJson();

    /// <summary>Recreates the input written by <see cref="ToJson"/>.</summary>
    /// <exception cref="ModelFormatException">The input section is incomplete or inconsistent; the message names the key.</exception>
    public static TokenInput FromJson(ArchitectureSection json) => json.String("kind") switch
    {
        TextInput.KindName => TextInput.FromJson(json),
        TokenIdInput.KindName => TokenIdInput.FromJson(json),
        var kind => throw json.Error("kind", $"is \"{kind}\", but \"{TextInput.KindName}\" or \"{TokenIdInput.KindName}\" was expected"),
    };

    /// <summary>Builds the vocabulary of a training corpus: tokens seen at least <see cref="TextClassifierOptions.MinTokenFrequency"/> times, most frequent first.</summary>
    private protected static Vocabulary BuildVocabulary(IEnumerable<IEnumerable<string>> sequences, TextClassifierOptions options) =>
        Vocabulary.Build(TokenCounts.FromSequences(sequences), options.MinTokenFrequency, options.MaxVocabularySize);

    /// <summary>Throws for an input without tokens, naming it.</summary>
    private protected static void RequireTokens(int count, string parameterName, int? row)
    {
        if (count == 0)
        {
            string where = row is { } r ? $"Parameter '{parameterName}' has no tokens at row {r}" : $"Parameter '{parameterName}' has no tokens";
            throw new ArgumentException($"{where} (it is empty, or holds only white space or dropped characters); every text needs at least one token.", parameterName);
        }
    }
}
