namespace Microsoft.ML.Recurrent.TextClassification;

/// <summary>How the encoder's outputs at every token become one vector per text. Padding never takes part.</summary>
public enum PoolingMode
{
    /// <summary>The final state (for a bidirectional encoder, the forward final state joined with the backward one at the first token).</summary>
    Last,

    /// <summary>The elementwise maximum over the tokens.</summary>
    Max,

    /// <summary>The mean over the tokens.</summary>
    Mean,

    /// <summary>
    /// A learned weighted mean: score each token with vᵀ·tanh(W·h + b), softmax over the text's tokens, sum. The weights
    /// are returned with each prediction, to show which tokens drove it.
    /// </summary>
    Attention,
}
