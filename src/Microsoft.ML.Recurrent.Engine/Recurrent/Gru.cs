using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>
/// Gated recurrent unit layer, equivalent to PyTorch's <c>nn.GRU</c> (gate order r, z, n; the reset gate scales
/// W_hn·h + b_hn). Weights start Xavier-uniform (input) and orthogonal (recurrent).
/// </summary>
public sealed class Gru : RecurrentLayer
{
    /// <summary>Creates a GRU layer.</summary>
    /// <param name="inputSize">Features per input step.</param>
    /// <param name="hiddenSize">Features in the hidden state.</param>
    /// <param name="numLayers">Number of stacked layers.</param>
    /// <param name="dropout">Dropout between stacked layers in training mode (not after the last).</param>
    /// <param name="bidirectional">Also run backwards in time.</param>
    /// <param name="random">Source for initial weights and dropout masks; seed 0 when null.</param>
    /// <param name="merge">How the two directions are combined when bidirectional.</param>
    /// <param name="name">Module name.</param>
    public Gru(int inputSize, int hiddenSize, int numLayers = 1, float dropout = 0f, bool bidirectional = false, RandomSource? random = null, BidirectionalMerge merge = BidirectionalMerge.Concat, string name = "gru")
        : base(GruCellKernel.Instance, name, inputSize, hiddenSize, numLayers, dropout, bidirectional, merge, random)
    {
    }
}
