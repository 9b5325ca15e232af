namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>How a bidirectional layer combines its forward and backward outputs.</summary>
public enum BidirectionalMerge
{
    /// <summary>Concatenate: width 2·hiddenSize, forward first (PyTorch's layout).</summary>
    Concat,

    /// <summary>Add elementwise: width hiddenSize.</summary>
    Sum,
}
