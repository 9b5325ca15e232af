namespace Microsoft.ML.Recurrent.Text.Metrics;

/// <summary>
/// chrF (Popović, 2015) computed as sacreBLEU 2.x computes it; the defaults are sacreBLEU's: character n-grams of
/// orders 1 to 6 over code points with white space removed, no word n-grams, β = 2, and precision and recall averaged
/// over the orders both sides have (sacreBLEU's default; <see cref="EpsilonSmoothing"/> switches to chrF++.py's
/// averaging of per-order F-scores). With several references a segment takes the one with the best F-score. Scores are 0 to 100.
/// </summary>
public sealed class Chrf : CorpusMetric<ChrfScore>
{
    private const double Epsilon = 1e-16;
    private readonly int charOrder = 6;
    private readonly double beta = 2;

    /// <summary>Highest character n-gram order (default 6).</summary>
    public int CharOrder
    {
        get => charOrder;
        init => charOrder = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(CharOrder), value, "Property 'CharOrder' must be positive.");
    }

    /// <summary>Weight of recall relative to precision (default 2).</summary>
    public double Beta
    {
        get => beta;
        init => beta = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Beta), value, "Property 'Beta' must be positive.");
    }

    /// <summary>Keep white space inside character n-grams.</summary>
    public bool IncludeWhitespace { get; init; }

    /// <summary>Lowercase hypotheses and references first (invariant culture).</summary>
    public bool Lowercase { get; init; }

    /// <summary>Average per-order F-scores with a tiny epsilon for empty orders (chrF++.py, NLTK, Moses) instead of the effective-order average.</summary>
    public bool EpsilonSmoothing { get; init; }

    // Statistics layout: [hypothesis n-grams, reference n-grams, matches] per order.
    private protected override long[] SegmentStatistics(string hypothesis, IReadOnlyList<string> references)
    {
        var hypothesisCounts = Counts(hypothesis);
        long[] best = Array.Empty<long>();
        double bestScore = -1;
        foreach (string reference in references)
        {
            var referenceCounts = Counts(reference);
            long[] statistics = new long[3 * charOrder];
            for (int n = 0; n < charOrder; n++)
            {
                statistics[3 * n] = referenceCounts[n].Count > 0 ? NGramCounts.Total(hypothesisCounts[n]) : 0;
                statistics[3 * n + 1] = NGramCounts.Total(referenceCounts[n]);
                statistics[3 * n + 2] = NGramCounts.Matches(hypothesisCounts[n], referenceCounts[n]);
            }

            double score = FScore(statistics);
            if (score > bestScore)
            {
                (best, bestScore) = (statistics, score);
            }
        }

        return best;
    }

    private protected override ChrfScore Compute(long[] statistics) => new(FScore(statistics), charOrder, beta);

    private double FScore(long[] statistics)
    {
        double factor = beta * beta;
        double sumF = 0, sumPrecision = 0, sumRecall = 0;
        int effectiveOrder = 0;
        for (int n = 0; n < charOrder; n++)
        {
            long hypothesisCount = statistics[3 * n], referenceCount = statistics[3 * n + 1], matches = statistics[3 * n + 2];
            double precision = hypothesisCount > 0 ? (double)matches / hypothesisCount : Epsilon;
            double recall = referenceCount > 0 ? (double)matches / referenceCount : Epsilon;
            double denominator = factor * precision + recall;
            sumF += denominator > 0 ? (1 + factor) * precision * recall / denominator : Epsilon;
            if (hypothesisCount > 0 && referenceCount > 0)
            {
                sumPrecision += precision;
                sumRecall += recall;
                effectiveOrder++;
            }
        }

        if (EpsilonSmoothing)
        {
            return 100 * sumF / charOrder;
        }

        double averagePrecision = effectiveOrder > 0 ? sumPrecision / effectiveOrder : 0;
        double averageRecall = effectiveOrder > 0 ? sumRecall / effectiveOrder : 0;
        return averagePrecision + averageRecall > 0
            ? 100 * (1 + factor) * averagePrecision * averageRecall / (factor * averagePrecision + averageRecall)
            : 0;
    }

    private Dictionary<string, int>[] Counts(string segment)
    {
        string[] points = PythonText.CodePoints(Lowercase ? segment.ToLowerInvariant() : segment, IncludeWhitespace);
        var counts = new Dictionary<string, int>[charOrder];
        for (int n = 1; n <= charOrder; n++)
        {
            counts[n - 1] = NGramCounts.Count(points, n, "");
        }

        return counts;
    }
}
