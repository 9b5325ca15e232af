using System.Collections;

namespace Microsoft.ML.Recurrent.Text.Vocabularies;

/// <summary>How often each token occurs in a corpus; the input of <see cref="Vocabulary.Build"/> and <see cref="Subwords.BpeModel.Learn"/>.</summary>
public sealed class TokenCounts : IReadOnlyDictionary<string, long>
{
    private readonly Dictionary<string, long> counts = new(StringComparer.Ordinal);

    /// <summary>Counts the tokens of every sequence.</summary>
    public static TokenCounts FromSequences(IEnumerable<IEnumerable<string>> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var result = new TokenCounts();
        foreach (var sequence in sequences)
        {
            result.Add(sequence);
        }

        return result;
    }

    /// <summary>Counts one occurrence of each token.</summary>
    public void Add(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        foreach (string token in tokens)
        {
            Add(token, 1);
        }
    }

    /// <summary>Adds <paramref name="count"/> occurrences of <paramref name="token"/>.</summary>
    public void Add(string token, long count)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        counts[token] = counts.GetValueOrDefault(token) + count;
    }

    /// <summary>Number of distinct tokens.</summary>
    public int Count => counts.Count;

    /// <summary>Occurrences of <paramref name="key"/> (throws if it never occurred; see <see cref="TryGetValue"/>).</summary>
    public long this[string key] => counts[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => counts.Keys;

    /// <inheritdoc />
    public IEnumerable<long> Values => counts.Values;

    /// <inheritdoc />
    public bool ContainsKey(string key) => counts.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out long value) => counts.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, long>> GetEnumerator() => counts.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
