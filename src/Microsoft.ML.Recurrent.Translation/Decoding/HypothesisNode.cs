namespace Microsoft.ML.Recurrent.Translation.Decoding;

/// <summary>
/// One generated token of a partial translation, linked to the tokens before it (hypotheses in a beam share prefixes),
/// with the attention weights over the source that produced it.
/// </summary>
internal sealed class HypothesisNode(HypothesisNode? parent, int token, float[]? attention)
{
    public HypothesisNode? Parent { get; } = parent;

    public int Token { get; } = token;

    public float[]? Attention { get; } = attention;

    /// <summary>Tokens generated so far.</summary>
    public int Length { get; } = (parent?.Length ?? 0) + 1;

    /// <summary>The token ids, first to last (empty for a null node).</summary>
    public static int[] Tokens(HypothesisNode? node)
    {
        var tokens = new int[node?.Length ?? 0];
        for (var n = node; n is not null; n = n.Parent)
        {
            tokens[n.Length - 1] = n.Token;
        }

        return tokens;
    }

    /// <summary>One attention row per token, first to last, or null without attention.</summary>
    public static float[][]? AttentionRows(HypothesisNode? node)
    {
        if (node?.Attention is null)
        {
            return node is null ? [] : null;
        }

        var rows = new float[node.Length][];
        for (var n = node; n is not null; n = n.Parent)
        {
            rows[n.Length - 1] = n.Attention!;
        }

        return rows;
    }
}
