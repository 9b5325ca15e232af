namespace Microsoft.ML.Recurrent.Text.Metrics;

/// <summary>
/// Corpus BLEU (Papineni et al., 2002) computed as sacreBLEU 2.x computes it; the defaults are sacreBLEU's: 13a
/// tokenization, n-grams up to 4, exponential smoothing, brevity penalty against the closest reference length (the
/// shorter on ties), multiple references clip each n-gram by its highest count in any reference. Scores are 0 to 100.
/// Lowercasing uses the invariant culture (Python's <c>str.lower</c> differs on a few special cases such as U+0130).
/// For sentence-level BLEU sacreBLEU recommends <see cref="EffectiveOrder"/> = true, as its <c>sentence_bleu</c> uses.
/// </summary>
public sealed class Bleu : CorpusMetric<BleuScore>
{
    private const double LogOfZero = -9999999999;
    private readonly int maxOrder = 4;

    /// <summary>Highest n-gram order (default 4).</summary>
    public int MaxOrder
    {
        get => maxOrder;
        init => maxOrder = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxOrder), value, "Property 'MaxOrder' must be positive.");
    }

    /// <summary>How text is split into words (default <see cref="BleuTokenization.Mteval13a"/>).</summary>
    public BleuTokenization Tokenization { get; init; } = BleuTokenization.Mteval13a;

    /// <summary>Smoothing for orders without matches (default <see cref="BleuSmoothing.Exponential"/>).</summary>
    public BleuSmoothing Smoothing { get; init; } = BleuSmoothing.Exponential;

    /// <summary>The value for <see cref="BleuSmoothing.Floor"/> and <see cref="BleuSmoothing.AddK"/>; null means 0.1 and 1 respectively.</summary>
    public double? SmoothingValue { get; init; }

    /// <summary>Lowercase hypotheses and references first.</summary>
    public bool Lowercase { get; init; }

    /// <summary>Average only over the n-gram orders the hypotheses are long enough to have (sacreBLEU's <c>effective_order</c>).</summary>
    public bool EffectiveOrder { get; init; }

    // Statistics layout: [hypothesis length, reference length, matches per order..., totals per order...].
    private protected override long[] SegmentStatistics(string hypothesis, IReadOnlyList<string> references)
    {
        var referenceCounts = new Dictionary<string, int>[maxOrder];
        int referenceLength = -1;
        string[] words = Words(hypothesis);
        foreach (string reference in references)
        {
            string[] referenceWords = Words(reference);
            int distance = Math.Abs(words.Length - referenceWords.Length);
            int best = Math.Abs(words.Length - referenceLength);
            if (referenceLength < 0 || distance < best || (distance == best && referenceWords.Length < referenceLength))
            {
                referenceLength = referenceWords.Length;
            }

            for (int n = 1; n <= maxOrder; n++)
            {
                var counts = NGramCounts.Count(referenceWords, n, " ");
                if (referenceCounts[n - 1] is not { } merged)
                {
                    referenceCounts[n - 1] = counts;
                    continue;
                }

                foreach (var (ngram, count) in counts)
                {
                    merged[ngram] = Math.Max(merged.GetValueOrDefault(ngram), count);
                }
            }
        }

        long[] statistics = new long[2 + 2 * maxOrder];
        statistics[0] = words.Length;
        statistics[1] = referenceLength;
        for (int n = 1; n <= maxOrder; n++)
        {
            var counts = NGramCounts.Count(words, n, " ");
            statistics[1 + n] = NGramCounts.Matches(counts, referenceCounts[n - 1]);
            statistics[1 + maxOrder + n] = NGramCounts.Total(counts);
        }

        return statistics;
    }

    private protected override BleuScore Compute(long[] statistics) =>
        Compute(statistics.AsSpan(2, maxOrder), statistics.AsSpan(2 + maxOrder, maxOrder), statistics[0], statistics[1]);

    /// <summary>BLEU from summed matches and totals per order and the summed lengths (sacreBLEU's <c>compute_bleu</c>).</summary>
    internal BleuScore Compute(ReadOnlySpan<long> matches, ReadOnlySpan<long> totals, long hypothesisLength, long referenceLength)
    {
        double brevityPenalty = hypothesisLength >= referenceLength ? 1.0
            : hypothesisLength > 0 ? Math.Exp(1.0 - (double)referenceLength / hypothesisLength) : 0.0;
        double[] precisions = new double[maxOrder];
        var score = new BleuScore(0.0, precisions, matches.ToArray(), totals.ToArray(), brevityPenalty, hypothesisLength, referenceLength);
        bool anyMatch = false;
        foreach (long m in matches)
        {
            anyMatch |= m > 0;
        }

        if (!anyMatch)
        {
            return score;
        }

        double value = SmoothingValue ?? (Smoothing == BleuSmoothing.Floor ? 0.1 : 1.0);
        double exponentialFactor = 1.0;
        int order = maxOrder;
        for (int n = 1; n <= maxOrder; n++)
        {
            double matched = matches[n - 1], total = totals[n - 1];
            if (Smoothing == BleuSmoothing.AddK && n > 1)
            {
                matched += value;
                total += value;
            }

            if (total == 0)
            {
                break;
            }

            order = EffectiveOrder ? n : order;
            if (matched > 0)
            {
                precisions[n - 1] = 100.0 * matched / total;
            }
            else if (Smoothing == BleuSmoothing.Exponential)
            {
                exponentialFactor *= 2;
                precisions[n - 1] = 100.0 / (exponentialFactor * total);
            }
            else if (Smoothing == BleuSmoothing.Floor)
            {
                precisions[n - 1] = 100.0 * value / total;
            }
        }

        double logSum = 0;
        for (int n = 0; n < order; n++)
        {
            logSum += precisions[n] == 0 ? LogOfZero : Math.Log(precisions[n]);
        }

        return score with { Score = brevityPenalty * Math.Exp(logSum / order) };
    }

    private string[] Words(string segment) =>
        BleuTokenizer.Words(PythonText.TrimEnd(Lowercase ? segment.ToLowerInvariant() : segment), Tokenization);
}
