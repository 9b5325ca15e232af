namespace Microsoft.ML.Recurrent.Engine.Attention;

/// <summary>How <see cref="Attention"/> scores a query against each memory position.</summary>
public enum AttentionScore
{
    /// <summary>Bahdanau (additive): vᵀ·tanh(W_q·q + W_k·m + b).</summary>
    Additive,

    /// <summary>Luong dot: qᵀ·m (query and memory widths must match).</summary>
    Dot,

    /// <summary>Luong general (multiplicative): qᵀ·W·m.</summary>
    General,
}
