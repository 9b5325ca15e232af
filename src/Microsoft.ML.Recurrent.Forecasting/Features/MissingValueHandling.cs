namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>How missing (NaN) target values, and rows inserted for timestamp gaps, are handled.</summary>
public enum MissingValueHandling
{
    /// <summary>
    /// Missing targets get loss weight 0, so the model never learns from invented values; inputs are interpolated and the
    /// network sees an extra "observed" flag per step.
    /// </summary>
    Mask,

    /// <summary>Missing values are linearly interpolated (nearest value at the ends) and used like observed ones.</summary>
    Interpolate,
}
