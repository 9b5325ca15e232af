namespace Microsoft.ML.Recurrent.TextClassification;

/// <summary>The recurrent cell of the text classifier's encoder.</summary>
public enum RecurrentCellType
{
    /// <summary>Long short-term memory.</summary>
    Lstm,

    /// <summary>Gated recurrent unit: three gates instead of four, so about a quarter less work per token.</summary>
    Gru,
}
