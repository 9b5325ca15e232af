namespace Microsoft.ML.Recurrent.Text.Metrics;

/// <summary>Counts of the n-grams of one order in a sequence of units (words or characters).</summary>
internal static class NGramCounts
{
    /// <summary>
    /// Counts the n-grams of <paramref name="order"/>, keyed by their units joined with <paramref name="separator"/>:
    /// " " for words (which contain no white space) and "" for code points (fixed order keeps the keys distinct).
    /// </summary>
    public static Dictionary<string, int> Count(ReadOnlySpan<string> units, int order, string separator)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i + order <= units.Length; i++)
        {
            string key = string.Join(separator, units.Slice(i, order));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }

    /// <summary>Matches clipped by the reference: the sum over hypothesis n-grams of min(hypothesis count, reference count).</summary>
    public static long Matches(Dictionary<string, int> hypothesis, Dictionary<string, int> reference)
    {
        long matches = 0;
        foreach (var (ngram, count) in hypothesis)
        {
            if (reference.TryGetValue(ngram, out int available))
            {
                matches += Math.Min(count, available);
            }
        }

        return matches;
    }

    /// <summary>Total number of n-grams.</summary>
    public static long Total(Dictionary<string, int> counts)
    {
        long total = 0;
        foreach (int count in counts.Values)
        {
            total += count;
        }

        return total;
    }
}
