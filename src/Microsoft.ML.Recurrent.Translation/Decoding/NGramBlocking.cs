namespace Microsoft.ML.Recurrent.Translation.Decoding;

/// <summary>Forbids tokens that would repeat an n-gram already in the hypothesis (<see cref="DecodingOptions.NoRepeatNGramSize"/>).</summary>
internal static class NGramBlocking
{
    /// <summary>Sets the log-probability of every token that would complete a repeated <paramref name="n"/>-gram to −∞.</summary>
    public static void Apply(HypothesisNode? node, int n, Span<float> logProbabilities)
    {
        if (n <= 0 || node is null || node.Length < n - 1)
        {
            return;
        }

        int[] tokens = HypothesisNode.Tokens(node);
        var suffix = tokens.AsSpan(tokens.Length - (n - 1));
        for (int start = 0; start + n - 1 < tokens.Length; start++)
        {
            if (tokens.AsSpan(start, n - 1).SequenceEqual(suffix))
            {
                logProbabilities[tokens[start + n - 1]] = float.NegativeInfinity;
            }
        }
    }
}
