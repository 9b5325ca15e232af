using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Text.Normalization;
using Microsoft.ML.Recurrent.Text.Pipeline;
using Microsoft.ML.Recurrent.Text.Tokenization;
using Microsoft.ML.Recurrent.Text.Vocabularies;

namespace Microsoft.ML.Recurrent.TextClassification.Input;

/// <summary>Raw text: normalized, tokenized (words or characters) and mapped to rows by a vocabulary built from the training texts.</summary>
internal sealed class TextInput : TokenInput
{
    internal const string KindName = "text";

    private readonly TextEncoder encoder;

    private TextInput(TextEncoder encoder, int maxLength)
        : base(encoder.Vocabulary, maxLength)
    {
        this.encoder = encoder;
    }

    /// <summary>Tokenizes the training texts and builds the vocabulary; <paramref name="rows"/> receives each text's rows.</summary>
    public static TextInput Fit(IReadOnlyList<string> texts, TextClassifierOptions options, out int[][] rows)
    {
        var normalizer = new TextNormalizer { Lowercase = options.Lowercase, CollapseWhitespace = options.Tokenization == TextTokenization.Characters };
        Tokenizer tokenizer = options.Tokenization == TextTokenization.Characters
            ? new CharacterTokenizer(normalizer)
            : new WordTokenizer(normalizer, options.KeepPunctuation);
        var tokens = new IReadOnlyList<string>[texts.Count];
        for (int i = 0; i < tokens.Length; i++)
        {
            string text = texts[i] ?? throw new ArgumentException($"Parameter 'texts' has a null text at row {i}.", nameof(texts));
            tokens[i] = Truncate(tokenizer.Tokenize(text), options.MaxLength);
            RequireTokens(tokens[i].Count, nameof(texts), i);
        }

        var input = new TextInput(new TextEncoder(tokenizer, BuildVocabulary(tokens, options)), options.MaxLength);
        rows = tokens.Select(t => input.Vocabulary.Encode(t)).ToArray();
        return input;
    }

    /// <summary>The rows of <paramref name="text"/> and its tokens (both truncated to <see cref="TokenInput.MaxLength"/>).</summary>
    /// <exception cref="ArgumentException">The text has no tokens; <paramref name="row"/>, when given, is named.</exception>
    public int[] Encode(string text, out IReadOnlyList<string> tokens, int? row = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        tokens = Truncate(encoder.Tokenize(text), MaxLength);
        RequireTokens(tokens.Count, row is null ? nameof(text) : "texts", row);
        return Vocabulary.Encode(tokens);
    }

    public override JsonObject ToJson() => new() { ["kind"] = KindName, ["maxLength"] = MaxLength, ["encoder"] = encoder.ToJson() };

    public static new TextInput FromJson(ArchitectureSection json) =>
        new(json.Read("encoder", TextEncoder.FromJson), json.Int32("maxLength", 1, TextClassifierOptions.MaxLengthLimit));

    private static IReadOnlyList<string> Truncate(IReadOnlyList<string> tokens, int maxLength) =>
        tokens.Count <= maxLength ? tokens : tokens.Take(maxLength).ToArray();
}
