namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>The recurrent cell of the forecaster's encoder.</summary>
public enum RecurrentCell
{
    /// <summary>Long short-term memory.</summary>
    Lstm,

    /// <summary>Gated recurrent unit (fewer weights, often as accurate).</summary>
    Gru,
}
