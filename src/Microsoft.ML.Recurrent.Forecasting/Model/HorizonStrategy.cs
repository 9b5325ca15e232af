namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>How the forecaster produces several steps ahead.</summary>
public enum HorizonStrategy
{
    /// <summary>One network output per horizon step, all at once (multi-output); no error feedback.</summary>
    Direct,

    /// <summary>
    /// A one-step model applied repeatedly, feeding each predicted median back as an input. Its intervals reflect one-step
    /// uncertainty only. Not available with past covariates, which are unknown beyond the history.
    /// </summary>
    Recursive,
}
