namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>Whether the target is log-transformed before scaling (and exponentiated back on output).</summary>
public enum LogTransformMode
{
    /// <summary>
    /// Log-transform when every training value is positive and the series' spread grows with its level (multiplicative
    /// series such as sales or passenger counts); otherwise not.
    /// </summary>
    Auto,

    /// <summary>Always log-transform; every value must be positive.</summary>
    Always,

    /// <summary>Never log-transform.</summary>
    Never,
}
