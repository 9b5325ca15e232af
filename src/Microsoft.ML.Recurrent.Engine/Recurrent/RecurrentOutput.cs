using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>Result of <see cref="RecurrentLayer.Forward"/>.</summary>
/// <param name="Output">
/// The top layer's outputs: [time, batch, width] when <see cref="RecurrentLayer.ReturnSequences"/> is set (zero at padded
/// steps), otherwise the last state [batch, width]. Width is hiddenSize, or 2·hiddenSize for a concatenated bidirectional layer.
/// </param>
/// <param name="FinalState">The final state of every layer and direction (state after each sequence's last valid step).</param>
public readonly record struct RecurrentOutput(Tensor Output, RecurrentState FinalState);

/// <summary>Result of <see cref="RecurrentLayer.Backward"/>.</summary>
/// <param name="Input">Gradient with respect to the input sequence, or null when <see cref="RecurrentLayer.RequiresInputGradient"/> is off.</param>
/// <param name="InitialState">Gradient with respect to the initial state, or null when none was passed to the forward.</param>
public readonly record struct RecurrentGradients(Tensor? Input, RecurrentState? InitialState);
