using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Attention;

/// <summary>Result of one attention step.</summary>
/// <param name="Context">Weighted sum of memory vectors, [batch, memorySize].</param>
/// <param name="Weights">Attention distribution over memory positions, [batch, memoryLength]; zero at padded positions. Plot these for alignments.</param>
public readonly record struct AttentionOutput(Tensor Context, Tensor Weights);
