namespace Microsoft.ML.Recurrent.Translation.Decoding;

/// <summary>A finished search result in target ids.</summary>
/// <param name="Ids">Generated target ids, without the end-of-sentence id.</param>
/// <param name="LogProbability">log P(ids, &lt;/s&gt; | source), or log P(ids | source) when the length limit stopped it.</param>
/// <param name="Score">The log-probability divided by the length normaliser of <see cref="DecodingOptions.LengthPenalty"/>.</param>
/// <param name="Attention">One row of attention weights over the source tokens per generated id, or null without attention.</param>
internal sealed record DecodedSequence(int[] Ids, double LogProbability, double Score, float[][]? Attention)
{
    /// <summary>Completes a hypothesis; <paramref name="ended"/> tells whether it generated the end of sentence.</summary>
    public static DecodedSequence Finish(HypothesisNode? node, double logProbability, bool ended, DecodingOptions options) =>
        new(HypothesisNode.Tokens(node), logProbability, logProbability / options.Normalizer((node?.Length ?? 0) + (ended ? 1 : 0)), HypothesisNode.AttentionRows(node));
}
