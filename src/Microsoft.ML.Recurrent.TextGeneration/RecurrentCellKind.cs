namespace Microsoft.ML.Recurrent.TextGeneration;

/// <summary>The recurrent cell of a <see cref="CharLanguageModel"/>.</summary>
public enum RecurrentCellKind
{
    /// <summary>Long short-term memory (PyTorch's <c>nn.LSTM</c>).</summary>
    Lstm,

    /// <summary>Gated recurrent unit (PyTorch's <c>nn.GRU</c>).</summary>
    Gru,
}
