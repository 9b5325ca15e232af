using System.Text;
using Microsoft.ML.Recurrent.Text.Vocabularies;

namespace Microsoft.ML.Recurrent.TextGeneration;

/// <summary>
/// The model's alphabet: every Unicode scalar value of the training text, on the text layer's <see cref="Vocabulary"/>
/// (specials first, so <see cref="Vocabulary.UnknownId"/> stands for characters never seen in training). Immutable and thread safe.
/// </summary>
internal sealed class CharacterVocabulary
{
    private readonly Dictionary<int, int> idsByScalar;
    private readonly bool[] stops;

    /// <summary>Wraps <paramref name="vocabulary"/>, whose ordinary tokens must each be one Unicode scalar value.</summary>
    /// <exception cref="ArgumentException">A token is more or less than one character.</exception>
    public CharacterVocabulary(Vocabulary vocabulary)
    {
        Vocabulary = vocabulary;
        idsByScalar = new Dictionary<int, int>(vocabulary.Count);
        stops = new bool[vocabulary.Count];
        for (int id = Vocabulary.SpecialCount; id < vocabulary.Count; id++)
        {
            string token = vocabulary.GetToken(id);
            if (Rune.DecodeFromUtf16(token, out var rune, out int used) != System.Buffers.OperationStatus.Done || used != token.Length)
            {
                throw new ArgumentException(
                    $"Token {id} of the character vocabulary is \"{token}\", which is not a single character; every entry must be one Unicode character.", nameof(vocabulary));
            }

            idsByScalar[rune.Value] = id;
            stops[id] = Rune.IsWhiteSpace(rune) || Rune.IsPunctuation(rune);
        }
    }

    /// <summary>The underlying token vocabulary (one token per character).</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>Number of ids, specials included: the width of the embedding and of the output layer.</summary>
    public int Count => Vocabulary.Count;

    /// <summary>Builds the alphabet of <paramref name="text"/>, most frequent characters first.</summary>
    public static CharacterVocabulary Build(string text)
    {
        var counts = new TokenCounts();
        var byScalar = new Dictionary<int, long>();
        foreach (var rune in text.EnumerateRunes())
        {
            byScalar[rune.Value] = byScalar.GetValueOrDefault(rune.Value) + 1;
        }

        foreach (var (scalar, count) in byScalar)
        {
            counts.Add(new Rune(scalar).ToString(), count);
        }

        return new CharacterVocabulary(Vocabulary.Build(counts));
    }

    /// <summary>Whether <paramref name="id"/> is a real character (not unknown, padding, begin or end), so generation may emit it.</summary>
    public static bool IsCharacter(int id) => !Vocabulary.IsSpecial(id);

    /// <summary>Ids of the characters of <paramref name="text"/>; unseen characters give <see cref="Vocabulary.UnknownId"/>.</summary>
    public int[] Encode(string text)
    {
        var ids = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            ids.Add(idsByScalar.GetValueOrDefault(rune.Value, Vocabulary.UnknownId));
        }

        return ids.ToArray();
    }

    /// <summary>The character of <paramref name="id"/> as a string (a surrogate pair for scalars beyond U+FFFF).</summary>
    public string Decode(int id) => Vocabulary.GetToken(id);

    /// <summary>Whether <paramref name="id"/> is white space or punctuation, which ends an autocomplete suggestion.</summary>
    public bool IsStop(int id) => stops[id];
}
