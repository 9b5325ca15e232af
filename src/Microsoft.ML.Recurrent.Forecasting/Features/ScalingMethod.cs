namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>How each series is scaled before training (after the optional log transform); predictions are scaled back.</summary>
public enum ScalingMethod
{
    /// <summary>Subtract the series mean and divide by its standard deviation.</summary>
    Standard,

    /// <summary>Divide by the series' mean absolute value.</summary>
    MeanAbsolute,

    /// <summary>Leave values as they are.</summary>
    None,
}
