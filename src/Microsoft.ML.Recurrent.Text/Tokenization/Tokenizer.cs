using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Text.Normalization;
using Microsoft.ML.Recurrent.Text.Serialization;

namespace Microsoft.ML.Recurrent.Text.Tokenization;

/// <summary>
/// Normalizes text and splits it into tokens, and joins tokens back into text. The two kinds are
/// <see cref="WordTokenizer"/> (words and punctuation) and <see cref="CharacterTokenizer"/> (one token per Unicode scalar value).
/// Instances are immutable and thread safe.
/// </summary>
public abstract class Tokenizer
{
    private protected Tokenizer(TextNormalizer? normalizer)
    {
        Normalizer = normalizer ?? new TextNormalizer();
    }

    /// <summary>The normalization applied before splitting.</summary>
    public TextNormalizer Normalizer { get; }

    /// <summary>Normalizes <paramref name="text"/> and splits it into tokens.</summary>
    public IReadOnlyList<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        Split(Normalizer.Normalize(text), tokens);
        return tokens;
    }

    /// <summary>Joins tokens into text (the inverse of <see cref="Tokenize"/> up to normalization and spacing).</summary>
    public abstract string Detokenize(IEnumerable<string> tokens);

    /// <summary>The settings as JSON, for example to store in a model file's architecture.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["kind"] = Kind,
            ["lowercase"] = Normalizer.Lowercase,
            ["collapseWhitespace"] = Normalizer.CollapseWhitespace,
        };
        WriteSettings(json);
        return json;
    }

    /// <summary>Recreates a tokenizer written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">A field is missing or has the wrong type, or the kind is unknown.</exception>
    public static Tokenizer FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        const string owner = "Tokenizer JSON";
        var normalizer = new TextNormalizer
        {
            Lowercase = JsonFields.Boolean(json, "lowercase", owner),
            CollapseWhitespace = JsonFields.Boolean(json, "collapseWhitespace", owner),
        };
        return JsonFields.String(json, "kind", owner) switch
        {
            WordTokenizer.KindName => new WordTokenizer(normalizer, JsonFields.Boolean(json, "keepPunctuation", owner)),
            CharacterTokenizer.KindName => new CharacterTokenizer(normalizer),
            var kind => throw new FormatException(
                $"{owner}: kind '{kind}' is unknown; expected '{WordTokenizer.KindName}' or '{CharacterTokenizer.KindName}'."),
        };
    }

    private protected abstract string Kind { get; }

    private protected abstract void Split(string text, List<string> tokens);

    private protected virtual void WriteSettings(JsonObject json)
    {
    }
}
