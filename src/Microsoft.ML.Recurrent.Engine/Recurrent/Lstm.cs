using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>
/// Long short-term memory layer, equivalent to PyTorch's <c>nn.LSTM</c> (gate order i, f, g, o; separate
/// input and recurrent biases). Weights start Xavier-uniform (input), orthogonal (recurrent), forget-gate bias 1.
/// </summary>
public sealed class Lstm : RecurrentLayer
{
    /// <summary>Creates an LSTM layer.</summary>
    /// <param name="inputSize">Features per input step.</param>
    /// <param name="hiddenSize">Features in the hidden state.</param>
    /// <param name="numLayers">Number of stacked layers.</param>
    /// <param name="dropout">Dropout between stacked layers in training mode (not after the last).</param>
    /// <param name="bidirectional">Also run backwards in time.</param>
    /// <param name="random">Source for initial weights and dropout masks; seed 0 when null.</param>
    /// <param name="merge">How the two directions are combined when bidirectional.</param>
    /// <param name="name">Module name.</param>
    public Lstm(int inputSize, int hiddenSize, int numLayers = 1, float dropout = 0f, bool bidirectional = false, RandomSource? random = null, BidirectionalMerge merge = BidirectionalMerge.Concat, string name = "lstm")
        : base(LstmCellKernel.Instance, name, inputSize, hiddenSize, numLayers, dropout, bidirectional, merge, random)
    {
    }
}
