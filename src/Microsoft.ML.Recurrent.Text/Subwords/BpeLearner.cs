namespace Microsoft.ML.Recurrent.Text.Subwords;

/// <summary>
/// Learns byte-pair-encoding merges (Sennrich et al., 2016) incrementally: pair counts are kept up to date and only the
/// words that contain the merged pair are revisited, so each merge costs time proportional to those words. The most
/// frequent pair wins; ties go to the ordinally smallest left symbol, then right symbol, so the result does not depend
/// on the order of the input.
/// </summary>
internal sealed class BpeLearner
{
    private readonly List<string> symbols = new();
    private readonly Dictionary<string, int> symbolIds = new(StringComparer.Ordinal);
    private readonly List<int[]> words = new();
    private readonly List<int> wordLengths = new();
    private readonly List<long> wordCounts = new();
    private readonly Dictionary<long, long> pairCounts = new();
    private readonly Dictionary<long, List<int>> pairWords = new();
    private readonly PriorityQueue<long, (long Count, int Left, int Right)> queue;
    private readonly Dictionary<long, long> delta = new();
    private int[] visited = Array.Empty<int>();
    private int[] scratch = Array.Empty<int>();
    private int stamp;

    private BpeLearner()
    {
        queue = new PriorityQueue<long, (long Count, int Left, int Right)>(Comparer<(long Count, int Left, int Right)>.Create(Compare));
    }

    public static List<(string Left, string Right)> Learn(IEnumerable<KeyValuePair<string, long>> wordCounts, int mergeCount, int minFrequency)
    {
        ArgumentNullException.ThrowIfNull(wordCounts);
        ArgumentOutOfRangeException.ThrowIfNegative(mergeCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(minFrequency, 1);
        var learner = new BpeLearner();
        learner.AddWords(wordCounts);
        var merges = new List<(string Left, string Right)>(mergeCount);
        while (merges.Count < mergeCount && learner.TryTakeBest(minFrequency, out int left, out int right))
        {
            merges.Add((learner.symbols[left], learner.symbols[right]));
            learner.Merge(left, right);
        }

        return merges;
    }

    private void AddWords(IEnumerable<KeyValuePair<string, long>> counts)
    {
        foreach (var (word, count) in counts)
        {
            if (count <= 0)
            {
                throw new ArgumentException($"Parameter 'wordCounts' gives the word '{word}' the count {count}; counts must be positive.", "wordCounts");
            }

            var ids = BpeSymbols.Split(word, "wordCounts").Select(Intern).ToArray();
            words.Add(ids);
            wordLengths.Add(ids.Length);
            wordCounts.Add(count);
            int w = words.Count - 1;
            for (int i = 0; i + 1 < ids.Length; i++)
            {
                long pair = Key(ids[i], ids[i + 1]);
                pairCounts[pair] = pairCounts.GetValueOrDefault(pair) + count;
                WordsWith(pair).Add(w);
            }
        }

        visited = new int[words.Count];
        foreach (var (pair, count) in pairCounts)
        {
            Enqueue(pair, count);
        }
    }

    private bool TryTakeBest(int minFrequency, out int left, out int right)
    {
        while (queue.TryDequeue(out long pair, out var entry))
        {
            if (pairCounts.TryGetValue(pair, out long count) && count == entry.Count)
            {
                (left, right) = (entry.Left, entry.Right);
                return count >= minFrequency;
            }
        }

        (left, right) = (-1, -1);
        return false;
    }

    private void Merge(int left, int right)
    {
        long merged = Key(left, right);
        int symbol = Intern(symbols[left] + symbols[right]);
        stamp++;
        foreach (int w in pairWords[merged])
        {
            if (visited[w] != stamp)
            {
                visited[w] = stamp;
                RewriteWord(w, left, right, symbol);
            }
        }

        pairWords.Remove(merged);
        foreach (var (pair, change) in delta)
        {
            if (change == 0)
            {
                continue;
            }

            long count = pairCounts.GetValueOrDefault(pair) + change;
            if (count > 0)
            {
                pairCounts[pair] = count;
                Enqueue(pair, count);
            }
            else
            {
                pairCounts.Remove(pair);
            }
        }

        delta.Clear();
    }

    /// <summary>Replaces every (left, right) in word <paramref name="w"/> by <paramref name="symbol"/>, recording pair-count changes.</summary>
    private void RewriteWord(int w, int left, int right, int symbol)
    {
        int[] ids = words[w];
        int length = wordLengths[w];
        if (scratch.Length < length)
        {
            scratch = new int[ids.Length];
        }

        var old = scratch.AsSpan(0, length);
        ids.AsSpan(0, length).CopyTo(old);
        int write = BpeSymbols.MergeInPlace(ids.AsSpan(0, length), left, right, symbol);
        if (write < length)
        {
            // Recount this word's pairs: the merged pair and its neighbours change.
            CountPairs(old, -wordCounts[w], symbol: -1, w);
            CountPairs(ids.AsSpan(0, write), wordCounts[w], symbol, w);
            wordLengths[w] = write;
        }
    }

    private void CountPairs(ReadOnlySpan<int> ids, long count, int symbol, int w)
    {
        for (int i = 0; i + 1 < ids.Length; i++)
        {
            long pair = Key(ids[i], ids[i + 1]);
            delta[pair] = delta.GetValueOrDefault(pair) + count;
            if (ids[i] == symbol || ids[i + 1] == symbol)
            {
                WordsWith(pair).Add(w);
            }
        }
    }

    private List<int> WordsWith(long pair)
    {
        if (!pairWords.TryGetValue(pair, out var list))
        {
            list = new List<int>();
            pairWords[pair] = list;
        }

        return list;
    }

    private void Enqueue(long pair, long count) => queue.Enqueue(pair, (count, (int)(pair >> 32), (int)pair));

    private int Intern(string symbol)
    {
        if (!symbolIds.TryGetValue(symbol, out int id))
        {
            id = symbols.Count;
            symbols.Add(symbol);
            symbolIds.Add(symbol, id);
        }

        return id;
    }

    private int Compare((long Count, int Left, int Right) a, (long Count, int Left, int Right) b)
    {
        int order = b.Count.CompareTo(a.Count);
        if (order == 0)
        {
            order = string.CompareOrdinal(symbols[a.Left], symbols[b.Left]);
        }

        return order != 0 ? order : string.CompareOrdinal(symbols[a.Right], symbols[b.Right]);
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}
