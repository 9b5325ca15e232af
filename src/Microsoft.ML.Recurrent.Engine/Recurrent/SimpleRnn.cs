using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>Elman recurrent layer, equivalent to PyTorch's <c>nn.RNN</c>: h' = act(W_ih x + b_ih + W_hh h + b_hh).</summary>
public sealed class SimpleRnn : RecurrentLayer
{
    /// <summary>Creates a simple RNN layer.</summary>
    /// <param name="inputSize">Features per input step.</param>
    /// <param name="hiddenSize">Features in the hidden state.</param>
    /// <param name="numLayers">Number of stacked layers.</param>
    /// <param name="nonlinearity">Tanh (default) or ReLU.</param>
    /// <param name="dropout">Dropout between stacked layers in training mode (not after the last).</param>
    /// <param name="bidirectional">Also run backwards in time.</param>
    /// <param name="random">Source for initial weights and dropout masks; seed 0 when null.</param>
    /// <param name="merge">How the two directions are combined when bidirectional.</param>
    /// <param name="name">Module name.</param>
    public SimpleRnn(int inputSize, int hiddenSize, int numLayers = 1, RnnNonlinearity nonlinearity = RnnNonlinearity.Tanh, float dropout = 0f, bool bidirectional = false, RandomSource? random = null, BidirectionalMerge merge = BidirectionalMerge.Concat, string name = "rnn")
        : base(nonlinearity == RnnNonlinearity.Tanh ? SimpleRnnCellKernel.TanhInstance : SimpleRnnCellKernel.ReluInstance, name, inputSize, hiddenSize, numLayers, dropout, bidirectional, merge, random)
    {
        Nonlinearity = nonlinearity;
    }

    /// <summary>The activation function.</summary>
    public RnnNonlinearity Nonlinearity { get; }
}
