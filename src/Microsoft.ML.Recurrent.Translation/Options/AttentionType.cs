namespace Microsoft.ML.Recurrent.Translation;

/// <summary>How the decoder attends to the encoder's outputs.</summary>
public enum AttentionType
{
    /// <summary>No attention: the decoder sees the source only through its initial state.</summary>
    None,

    /// <summary>
    /// Bahdanau et al. (2015): an additive score of the previous decoder state against every encoder output; the context
    /// is fed into the decoder cell together with the previous target token.
    /// </summary>
    Bahdanau,

    /// <summary>Luong et al. (2015), "general" score sᵀ·W·m of the new decoder state; the context joins the output layer.</summary>
    Luong,

    /// <summary>Luong et al. (2015), "dot" score sᵀ·m (no weights); otherwise like <see cref="Luong"/>.</summary>
    LuongDot,
}
