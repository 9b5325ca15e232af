using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Text.Serialization;

namespace Microsoft.ML.Recurrent.Text.Subwords;

/// <summary>
/// Byte-pair encoding (Sennrich et al., 2016) with subword-nmt's conventions: a word starts as its Unicode scalar
/// values with <see cref="EndOfWord"/> attached to the last one, merges apply in the order they were learned, and
/// every subword except a word's last carries <see cref="ContinuationMarker"/> ("low@@", "er"). <see cref="Decode"/>
/// joins them back, so <c>Decode(Encode(words))</c> returns <c>words</c> exactly. Immutable and thread safe.
/// </summary>
public sealed class BpeModel
{
    /// <summary>Suffix of every subword that continues into the next one.</summary>
    public const string ContinuationMarker = "@@";

    /// <summary>End-of-word suffix used inside merges (subword-nmt codes format version 0.2).</summary>
    public const string EndOfWord = "</w>";

    private const string CodesHeader = "#version: 0.2";
    private const string JsonKind = "bpe";

    private readonly (string Left, string Right)[] merges;
    private readonly Dictionary<(string, string), int> ranks;

    /// <summary>Creates a model from merges in priority order.</summary>
    /// <exception cref="ArgumentException">A merge has an empty side or white space, or appears twice.</exception>
    public BpeModel(IEnumerable<(string Left, string Right)> merges)
    {
        ArgumentNullException.ThrowIfNull(merges);
        this.merges = merges.ToArray();
        ranks = new Dictionary<(string, string), int>(this.merges.Length);
        for (int i = 0; i < this.merges.Length; i++)
        {
            var (left, right) = this.merges[i];
            if (!IsSymbol(left) || !IsSymbol(right))
            {
                throw new ArgumentException($"Parameter 'merges' has '{left} {right}' at index {i}; both sides must be non-empty and free of white space.", nameof(merges));
            }

            if (!ranks.TryAdd((left, right), i))
            {
                throw new ArgumentException($"Parameter 'merges' has '{left} {right}' twice (indices {ranks[(left, right)]} and {i}).", nameof(merges));
            }
        }
    }

    /// <summary>The merges in priority order (first learned first).</summary>
    public IReadOnlyList<(string Left, string Right)> Merges => merges;

    /// <summary>
    /// Learns up to <paramref name="mergeCount"/> merges from words and their frequencies, stopping early when the most
    /// frequent pair occurs fewer than <paramref name="minFrequency"/> times. Deterministic: ties go to the ordinally
    /// smallest pair, whatever the order of <paramref name="wordCounts"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A word is empty, contains white space or ends with <see cref="ContinuationMarker"/>, or a count is not positive.</exception>
    public static BpeModel Learn(IEnumerable<KeyValuePair<string, long>> wordCounts, int mergeCount, int minFrequency = 2) =>
        new(BpeLearner.Learn(wordCounts, mergeCount, minFrequency));

    /// <summary>Segments one word into subwords.</summary>
    /// <exception cref="ArgumentException">The word is empty, contains white space or ends with <see cref="ContinuationMarker"/>.</exception>
    public IReadOnlyList<string> Encode(string word)
    {
        var result = new List<string>();
        Append(word, result, nameof(word));
        return result;
    }

    /// <summary>Segments a sequence of words into one sequence of subwords.</summary>
    public IReadOnlyList<string> Encode(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var result = new List<string>();
        foreach (string word in words)
        {
            Append(word, result, nameof(words));
        }

        return result;
    }

    /// <summary>
    /// Joins subwords back into words: a subword ending with <see cref="ContinuationMarker"/> continues into the next.
    /// A marked subword at the very end (a truncated model output) still closes its word.
    /// </summary>
    public static IReadOnlyList<string> Decode(IEnumerable<string> subwords)
    {
        ArgumentNullException.ThrowIfNull(subwords);
        var words = new List<string>();
        string pending = string.Empty;
        foreach (string subword in subwords)
        {
            if (subword.EndsWith(ContinuationMarker, StringComparison.Ordinal))
            {
                pending += subword[..^ContinuationMarker.Length];
            }
            else
            {
                words.Add(pending + subword);
                pending = string.Empty;
            }
        }

        if (pending.Length > 0)
        {
            words.Add(pending);
        }

        return words;
    }

    /// <summary>Writes the merges in subword-nmt's codes format: a "#version: 0.2" line, then one "left right" line per merge.</summary>
    public void WriteCodes(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(CodesHeader + "\n");
        foreach (var (left, right) in merges)
        {
            writer.Write($"{left} {right}\n");
        }
    }

    /// <summary>Reads subword-nmt codes; the "#version: 0.2" line is optional.</summary>
    /// <exception cref="FormatException">Another version, or a line that is not two symbols separated by one space; the message gives the line number.</exception>
    public static BpeModel ReadCodes(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lines = new List<string>();
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lines.Add(line);
        }

        int firstLine = 1;
        if (lines.Count > 0 && lines[0].StartsWith("#version:", StringComparison.Ordinal))
        {
            if (lines[0] != CodesHeader)
            {
                throw new FormatException($"BPE codes line 1 is '{lines[0]}'; only '{CodesHeader}' (end-of-word suffix on the last character) is supported.");
            }

            lines.RemoveAt(0);
            firstLine = 2;
        }

        return FromLines(lines, i => $"BPE codes line {i + firstLine}");
    }

    /// <summary>The merges as JSON (<c>{"kind":"bpe","merges":["l o", ...]}</c>).</summary>
    public JsonObject ToJson() => new()
    {
        ["kind"] = JsonKind,
        ["merges"] = new JsonArray(merges.Select(m => (JsonNode?)$"{m.Left} {m.Right}").ToArray()),
    };

    /// <summary>Recreates a model written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The kind is not "bpe" or a merge is malformed.</exception>
    public static BpeModel FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        const string owner = "BPE JSON";
        string kind = JsonFields.String(json, "kind", owner);
        if (kind != JsonKind)
        {
            throw new FormatException($"{owner}: kind is '{kind}', but '{JsonKind}' was expected.");
        }

        return FromLines(JsonFields.Strings(json, "merges", owner), i => $"{owner}: merge {i}");
    }

    private static BpeModel FromLines(List<string> lines, Func<int, string> where)
    {
        var parsed = new List<(string, string)>(lines.Count);
        for (int i = 0; i < lines.Count; i++)
        {
            string[] parts = lines[i].Split(' ');
            if (parts.Length != 2 || !IsSymbol(parts[0]) || !IsSymbol(parts[1]))
            {
                throw new FormatException($"{where(i)} is '{lines[i]}'; expected two symbols separated by one space.");
            }

            parsed.Add((parts[0], parts[1]));
        }

        try
        {
            return new BpeModel(parsed);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    private void Append(string word, List<string> output, string parameterName)
    {
        string[] symbols = BpeSymbols.Split(word, parameterName);
        int length = symbols.Length;
        while (length > 1 && TryFindBestPair(symbols.AsSpan(0, length), out var pair))
        {
            length = BpeSymbols.MergeInPlace(symbols.AsSpan(0, length), pair.Left, pair.Right, pair.Left + pair.Right);
        }

        for (int i = 0; i < length - 1; i++)
        {
            output.Add(symbols[i] + ContinuationMarker);
        }

        output.Add(symbols[length - 1][..^EndOfWord.Length]);
    }

    private bool TryFindBestPair(ReadOnlySpan<string> symbols, out (string Left, string Right) best)
    {
        int bestRank = int.MaxValue;
        best = default;
        for (int i = 0; i + 1 < symbols.Length; i++)
        {
            if (ranks.TryGetValue((symbols[i], symbols[i + 1]), out int rank) && rank < bestRank)
            {
                bestRank = rank;
                best = (symbols[i], symbols[i + 1]);
            }
        }

        return bestRank != int.MaxValue;
    }

    private static bool IsSymbol(string? symbol) => !string.IsNullOrEmpty(symbol) && !symbol.Any(char.IsWhiteSpace);
}
