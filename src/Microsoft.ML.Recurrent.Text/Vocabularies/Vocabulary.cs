using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Text.Serialization;

namespace Microsoft.ML.Recurrent.Text.Vocabularies;

/// <summary>
/// Maps tokens to ids and back. Ids 0–3 are the special tokens <see cref="PadToken"/> (<see cref="PadId"/> = 0, the
/// embedding padding index and the loss ignore index), <see cref="UnknownToken"/> (1, every out-of-vocabulary token),
/// <see cref="BeginToken"/> (2) and <see cref="EndToken"/> (3); ordinary tokens follow from id 4. Immutable and thread safe.
/// </summary>
public sealed class Vocabulary
{
    /// <summary>Id of <see cref="PadToken"/>.</summary>
    public const int PadId = 0;

    /// <summary>Id of <see cref="UnknownToken"/>.</summary>
    public const int UnknownId = 1;

    /// <summary>Id of <see cref="BeginToken"/>.</summary>
    public const int BeginId = 2;

    /// <summary>Id of <see cref="EndToken"/>.</summary>
    public const int EndId = 3;

    /// <summary>Number of special tokens, which take ids 0 to 3.</summary>
    public const int SpecialCount = 4;

    /// <summary>Padding.</summary>
    public const string PadToken = "<pad>";

    /// <summary>Stands for any token not in the vocabulary.</summary>
    public const string UnknownToken = "<unk>";

    /// <summary>Beginning of a sequence.</summary>
    public const string BeginToken = "<s>";

    /// <summary>End of a sequence.</summary>
    public const string EndToken = "</s>";

    private static readonly string[] Specials = [PadToken, UnknownToken, BeginToken, EndToken];

    private readonly string[] tokens;
    private readonly Dictionary<string, int> ids;

    /// <summary>Creates a vocabulary whose ordinary tokens, in id order from 4, are <paramref name="tokens"/>.</summary>
    /// <exception cref="ArgumentException">A token is empty, repeated or one of the special tokens.</exception>
    public Vocabulary(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        this.tokens = [.. Specials, .. tokens];
        ids = new Dictionary<string, int>(this.tokens.Length, StringComparer.Ordinal);
        for (int id = 0; id < this.tokens.Length; id++)
        {
            string token = this.tokens[id];
            if (string.IsNullOrEmpty(token))
            {
                throw new ArgumentException($"Parameter 'tokens' has an empty token at index {id - SpecialCount}.", nameof(tokens));
            }

            if (!ids.TryAdd(token, id))
            {
                string what = ids[token] < SpecialCount ? "is a special token" : $"repeats index {ids[token] - SpecialCount}";
                throw new ArgumentException($"Parameter 'tokens' has '{token}' at index {id - SpecialCount}, which {what}.", nameof(tokens));
            }
        }
    }

    /// <summary>
    /// Keeps the tokens seen at least <paramref name="minFrequency"/> times, most frequent first (ties in ordinal order),
    /// so that the vocabulary, specials included, has at most <paramref name="maxSize"/> entries. Counted tokens that
    /// equal a special token are left out (they map to the special id).
    /// </summary>
    public static Vocabulary Build(IEnumerable<KeyValuePair<string, long>> counts, int minFrequency = 1, int? maxSize = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(minFrequency, 1);
        if (maxSize < SpecialCount)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSize), maxSize, $"Parameter 'maxSize' must be at least {SpecialCount}, the number of special tokens.");
        }

        var kept = counts
            .Where(pair => pair.Value >= minFrequency && !Specials.Contains(pair.Key))
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Key);
        return new Vocabulary(maxSize is { } size ? kept.Take(size - SpecialCount) : kept);
    }

    /// <summary>Number of entries, specials included (the embedding table's row count).</summary>
    public int Count => tokens.Length;

    /// <summary>All tokens in id order, specials first.</summary>
    public IReadOnlyList<string> Tokens => tokens;

    /// <summary>Whether <paramref name="id"/> is one of the special ids 0 to 3.</summary>
    public static bool IsSpecial(int id) => (uint)id < SpecialCount;

    /// <summary>Whether <paramref name="token"/> has an id of its own.</summary>
    public bool Contains(string token) => ids.ContainsKey(token);

    /// <summary>The id of <paramref name="token"/>, or <see cref="UnknownId"/>.</summary>
    public int GetId(string token) => ids.GetValueOrDefault(token, UnknownId);

    /// <summary>The token with id <paramref name="id"/>.</summary>
    public string GetToken(int id)
    {
        if ((uint)id >= (uint)tokens.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Parameter 'id' must be in [0, {tokens.Length}).");
        }

        return tokens[id];
    }

    /// <summary>Ids of <paramref name="sequence"/> (unknown tokens give <see cref="UnknownId"/>), optionally framed by <see cref="BeginId"/> and <see cref="EndId"/>.</summary>
    public int[] Encode(IEnumerable<string> sequence, bool addBegin = false, bool addEnd = false)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var result = new List<int>();
        if (addBegin)
        {
            result.Add(BeginId);
        }

        result.AddRange(sequence.Select(GetId));
        if (addEnd)
        {
            result.Add(EndId);
        }

        return result.ToArray();
    }

    /// <summary>
    /// Tokens of <paramref name="sequence"/>. With <paramref name="skipSpecial"/>, padding, begin and end are left out;
    /// <see cref="UnknownToken"/> always stays, so that lost content remains visible.
    /// </summary>
    public IReadOnlyList<string> Decode(IEnumerable<int> sequence, bool skipSpecial = true)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        return sequence.Where(id => !skipSpecial || !IsSpecial(id) || id == UnknownId).Select(GetToken).ToList();
    }

    /// <summary>The vocabulary as JSON: <c>{"tokens":[...]}</c> with every token in id order, specials first.</summary>
    public JsonObject ToJson() => new() { ["tokens"] = new JsonArray(tokens.Select(t => (JsonNode?)t).ToArray()) };

    /// <summary>Recreates a vocabulary written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The special tokens are not first, or a token is empty or repeated.</exception>
    public static Vocabulary FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        const string owner = "Vocabulary JSON";
        var all = JsonFields.Strings(json, "tokens", owner);
        for (int id = 0; id < SpecialCount; id++)
        {
            if (id >= all.Count || all[id] != Specials[id])
            {
                string found = id < all.Count ? $"'{all[id]}'" : "nothing";
                throw new FormatException($"{owner}: token {id} is {found}, but the special token '{Specials[id]}' was expected.");
            }
        }

        try
        {
            return new Vocabulary(all.Skip(SpecialCount));
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{owner}: {e.Message}", e);
        }
    }
}
