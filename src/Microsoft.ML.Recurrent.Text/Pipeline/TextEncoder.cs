using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Text.Serialization;
using Microsoft.ML.Recurrent.Text.Subwords;
using Microsoft.ML.Recurrent.Text.Tokenization;
using Microsoft.ML.Recurrent.Text.Vocabularies;

namespace Microsoft.ML.Recurrent.Text.Pipeline;

/// <summary>
/// The whole text pipeline in one object: normalize and tokenize (<see cref="Tokenizer"/>), optionally split words into
/// subwords (<see cref="Subwords"/>), and map tokens to ids (<see cref="Vocabulary"/>); <see cref="Decode"/> runs it
/// backwards (ids → tokens → words → text). Immutable and thread safe.
/// </summary>
public sealed class TextEncoder
{
    /// <summary>Combines trained stages.</summary>
    /// <exception cref="ArgumentException">Subwords are combined with a tokenizer other than <see cref="WordTokenizer"/>.</exception>
    public TextEncoder(Tokenizer tokenizer, Vocabulary vocabulary, BpeModel? subwords = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (subwords is not null && tokenizer is not WordTokenizer)
        {
            throw new ArgumentException($"Parameter 'subwords' needs a {nameof(WordTokenizer)}, but the tokenizer is a {tokenizer.GetType().Name}.", nameof(subwords));
        }

        Tokenizer = tokenizer;
        Vocabulary = vocabulary;
        Subwords = subwords;
    }

    /// <summary>Normalization and tokenization.</summary>
    public Tokenizer Tokenizer { get; }

    /// <summary>Subword segmentation, or null for whole tokens.</summary>
    public BpeModel? Subwords { get; }

    /// <summary>Token ids.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>
    /// Trains the pipeline on a corpus: tokenizes every text, learns <paramref name="subwordMerges"/> BPE merges when
    /// given (word tokenizer only), and builds the vocabulary from the resulting token counts.
    /// </summary>
    /// <param name="texts">The training corpus.</param>
    /// <param name="tokenizer">The tokenizer to use.</param>
    /// <param name="subwordMerges">Number of BPE merges to learn, or null for whole tokens.</param>
    /// <param name="minFrequency">Minimum count of a vocabulary token.</param>
    /// <param name="maxVocabularySize">Maximum vocabulary size, specials included.</param>
    public static TextEncoder Fit(IEnumerable<string> texts, Tokenizer tokenizer, int? subwordMerges = null, int minFrequency = 1, int? maxVocabularySize = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var counts = TokenCounts.FromSequences(texts.Select(tokenizer.Tokenize));
        BpeModel? subwords = null;
        if (subwordMerges is { } merges)
        {
            subwords = BpeModel.Learn(counts, merges);
            var subwordCounts = new TokenCounts();
            foreach (var (word, count) in counts)
            {
                foreach (string subword in subwords.Encode(word))
                {
                    subwordCounts.Add(subword, count);
                }
            }

            counts = subwordCounts;
        }

        return new TextEncoder(tokenizer, Vocabulary.Build(counts, minFrequency, maxVocabularySize), subwords);
    }

    /// <summary>The tokens of <paramref name="text"/>: subwords when <see cref="Subwords"/> is set.</summary>
    public IReadOnlyList<string> Tokenize(string text)
    {
        var tokens = Tokenizer.Tokenize(text);
        return Subwords is null ? tokens : Subwords.Encode(tokens);
    }

    /// <summary>The ids of <paramref name="text"/>, optionally framed by <see cref="Vocabulary.BeginId"/> and <see cref="Vocabulary.EndId"/>.</summary>
    public int[] Encode(string text, bool addBegin = false, bool addEnd = false) => Vocabulary.Encode(Tokenize(text), addBegin, addEnd);

    /// <summary>
    /// Text from ids, for example a model's output: stops at the first <see cref="Vocabulary.EndId"/>, skips padding and
    /// begin ids, joins subwords, then detokenizes.
    /// </summary>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var tokens = Vocabulary.Decode(ids.TakeWhile(id => id != Vocabulary.EndId));
        return Tokenizer.Detokenize(Subwords is null ? tokens : BpeModel.Decode(tokens));
    }

    /// <summary>All stages as one JSON object, for example for a model file's architecture.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["tokenizer"] = Tokenizer.ToJson(), ["vocabulary"] = Vocabulary.ToJson() };
        if (Subwords is not null)
        {
            json["subwords"] = Subwords.ToJson();
        }

        return json;
    }

    /// <summary>Recreates a pipeline written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">A stage is missing or malformed.</exception>
    public static TextEncoder FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        const string owner = "Text encoder JSON";
        var subwords = json["subwords"] is null ? null : BpeModel.FromJson(JsonFields.Object(json, "subwords", owner));
        return new TextEncoder(
            Tokenizer.FromJson(JsonFields.Object(json, "tokenizer", owner)),
            Vocabulary.FromJson(JsonFields.Object(json, "vocabulary", owner)),
            subwords);
    }
}
