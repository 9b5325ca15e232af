namespace Microsoft.ML.Recurrent;

/// <summary>The recurrent cell of a model's recurrent layers; every task model (forecaster, classifier, translator, language model) offers both.</summary>
public enum RecurrentCellType
{
    /// <summary>Long short-term memory (PyTorch's <c>nn.LSTM</c>, gate order i, f, g, o).</summary>
    Lstm,

    /// <summary>Gated recurrent unit (PyTorch's <c>nn.GRU</c>): three gates instead of four, so about a quarter less work per step.</summary>
    Gru,
}
