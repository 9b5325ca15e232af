using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Translation.Network;

/// <summary>
/// The tensors of one decoder step that the network writes itself (inputs it concatenates and the attentional vector),
/// and references to what the step's modules returned. Training keeps one per step until backward; inference reuses one.
/// </summary>
internal sealed class StepBuffers
{
    public Tensor? RnnInput;
    public Tensor? Query;
    public Tensor? CombineInput;
    public Tensor? Attended;
    public Tensor? GradAttended;
    public Tensor? GradOutput;
    public Tensor? GradContext;
    public Tensor? GradEmbedding;

    /// <summary>The decoder's state after the step (module-owned).</summary>
    public RecurrentState? State;

    /// <summary>The attention weights of the step [batch, sourceLength] (module-owned), or null without attention.</summary>
    public Tensor? Weights;
}
