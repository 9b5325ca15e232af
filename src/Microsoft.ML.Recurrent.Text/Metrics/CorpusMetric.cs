namespace Microsoft.ML.Recurrent.Text.Metrics;

/// <summary>
/// A corpus-level translation metric in sacreBLEU's style: each hypothesis is compared with its references into
/// sufficient statistics, the statistics are summed over the corpus, and the score is computed once from the sums
/// (not an average of sentence scores). Instances are immutable and thread safe.
/// </summary>
/// <typeparam name="TScore">The score type.</typeparam>
public abstract class CorpusMetric<TScore>
{
    private protected CorpusMetric()
    {
    }

    /// <summary>Scores a corpus; <paramref name="references"/>[i] holds one or more references for hypothesis i.</summary>
    /// <exception cref="ArgumentException">The corpus is empty, the counts differ, a string is null or a hypothesis has no reference.</exception>
    public TScore CorpusScore(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(references);
        if (hypotheses.Count == 0 || hypotheses.Count != references.Count)
        {
            throw new ArgumentException(
                $"Parameter 'references' has {references.Count} entries for {hypotheses.Count} hypotheses; a non-empty corpus with one entry per hypothesis was expected.",
                nameof(references));
        }

        long[]? totals = null;
        for (int i = 0; i < hypotheses.Count; i++)
        {
            var segmentReferences = references[i];
            if (hypotheses[i] is null)
            {
                throw new ArgumentException($"Parameter 'hypotheses' has null at index {i}.", nameof(hypotheses));
            }

            if (segmentReferences is null || segmentReferences.Count == 0 || segmentReferences.Any(r => r is null))
            {
                throw new ArgumentException($"Parameter 'references' at index {i} must hold at least one reference and no null.", nameof(references));
            }

            long[] statistics = SegmentStatistics(hypotheses[i], segmentReferences);
            totals ??= new long[statistics.Length];
            for (int k = 0; k < statistics.Length; k++)
            {
                totals[k] += statistics[k];
            }
        }

        return Compute(totals!);
    }

    /// <summary>Scores a corpus with one reference per hypothesis.</summary>
    public TScore CorpusScore(IReadOnlyList<string> hypotheses, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        return CorpusScore(hypotheses, references.Select(r => (IReadOnlyList<string>)[r]).ToList());
    }

    /// <summary>Scores one hypothesis against one or more references (a corpus of one segment).</summary>
    public TScore SentenceScore(string hypothesis, params IReadOnlyList<string> references) => CorpusScore([hypothesis], [references]);

    /// <summary>The sufficient statistics of one segment, the best over its references.</summary>
    private protected abstract long[] SegmentStatistics(string hypothesis, IReadOnlyList<string> references);

    /// <summary>The score from statistics summed over the corpus.</summary>
    private protected abstract TScore Compute(long[] statistics);
}
