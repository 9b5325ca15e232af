namespace Microsoft.ML.Recurrent.Translation;

/// <summary>The recurrent cell of the encoder and the decoder.</summary>
public enum RecurrentCellType
{
    /// <summary>Long short-term memory (PyTorch's <c>nn.LSTM</c>).</summary>
    Lstm,

    /// <summary>Gated recurrent unit (PyTorch's <c>nn.GRU</c>).</summary>
    Gru,
}
