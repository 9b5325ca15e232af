using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Translation.Network;

internal sealed partial class Seq2SeqNetwork
{
    /// <summary>Backpropagates the most recent <see cref="Project"/> not yet backpropagated; returns the gradient with respect to its vectors.</summary>
    /// <param name="gradLogits">Gradient of the loss with respect to the logits [rows, targetVocabulary].</param>
    public Tensor BackwardProject(Tensor gradLogits) => OutputDropout.Backward(Output.Backward(gradLogits));

    /// <summary>
    /// Backpropagates the most recent decoder step not yet backpropagated (training mode; steps in reverse order).
    /// </summary>
    /// <param name="buffers">The step's buffers, as <see cref="DecodeStep"/> left them.</param>
    /// <param name="gradVector">Gradient of the loss through the output layer with respect to the step's attentional vector [batch, attended] (its rows of <see cref="BackwardProject"/>).</param>
    /// <param name="gradFeed">In: gradient with respect to the step's attentional vector from the next step's input (zeros after the last step). Out: gradient with respect to the previous step's attentional vector.</param>
    /// <param name="gradState">In: gradient with respect to the step's final state. Out: gradient with respect to its initial state.</param>
    /// <param name="isLastStep">Whether this is the last step (no gradient arrives through the state or the feed).</param>
    public void BackwardStep(StepBuffers buffers, ReadOnlySpan<float> gradVector, Tensor gradFeed, RecurrentState gradState, bool isLastStep)
    {
        int batch = gradVector.Length / AttendedSize, e = Options.EmbeddingDimension, h = HiddenSize, width = DecoderInputSize, combined = h + ContextSize;
        var gradAttended = Tensor.Ensure(ref buffers.GradAttended, [batch, AttendedSize], clear: false).Span;
        if (FeedSize > 0 && !isLastStep)
        {
            TensorPrimitives.Add(gradVector, gradFeed.Values, gradAttended);
        }
        else
        {
            gradVector.CopyTo(gradAttended);
        }

        RowBlocks.TanhBackward(buffers.Attended!.Values, gradAttended, gradAttended);
        var gradCombine = Combine.Backward(buffers.GradAttended!).Values;
        var gradOutput = Tensor.Ensure(ref buffers.GradOutput, [1, batch, h], clear: false);
        RowBlocks.Take(gradCombine, batch, combined, 0, h, gradOutput.Span);
        Tensor? gradContext = null;
        if (ContextSize > 0)
        {
            gradContext = Tensor.Ensure(ref buffers.GradContext, [batch, ContextSize], clear: false);
            RowBlocks.Take(gradCombine, batch, combined, h, ContextSize, gradContext.Span);
            if (!IsBahdanau)
            {
                var gradQuery = Attention!.Backward(gradContext).Values;
                TensorPrimitives.Add(gradOutput.Values, gradQuery, gradOutput.Span);
            }
        }

        var gradients = Decoder.Backward(gradOutput, isLastStep ? null : gradState);
        gradients.InitialState!.Hidden.Values.CopyTo(gradState.Hidden.Span);
        gradients.InitialState.Cell?.Values.CopyTo(gradState.Cell!.Span);
        var gradInput = gradients.Input!.Values;
        var gradEmbedding = Tensor.Ensure(ref buffers.GradEmbedding, [1, batch, e], clear: false);
        RowBlocks.Take(gradInput, batch, width, 0, e, gradEmbedding.Span);
        TargetEmbedding.Backward(TargetDropout.Backward(gradEmbedding));
        int offset = e;
        if (IsBahdanau)
        {
            RowBlocks.AddTake(gradInput, batch, width, offset, ContextSize, gradContext!.Span);
            var gradQuery = Attention!.Backward(gradContext).Values;
            var top = gradState.Hidden.Span.Slice((NumLayers - 1) * batch * h, batch * h);
            TensorPrimitives.Add(top, gradQuery, top);
            offset += ContextSize;
        }

        if (FeedSize > 0)
        {
            RowBlocks.Take(gradInput, batch, width, offset, FeedSize, gradFeed.Span);
        }
    }

    /// <summary>
    /// Backpropagates the bridge and the encoder after every decoder step has been backpropagated.
    /// </summary>
    /// <param name="initialState">The decoder's initial state that <see cref="Encode"/> wrote.</param>
    /// <param name="gradInitialState">Gradient with respect to it (overwritten).</param>
    /// <param name="gradBridgeInput">Workspace [layers, batch, hidden].</param>
    /// <param name="gradEncoderState">Workspace shaped like the encoder's final state.</param>
    public void BackwardEncoder(RecurrentState initialState, RecurrentState gradInitialState, Tensor gradBridgeInput, RecurrentState gradEncoderState)
    {
        int batch = initialState.Hidden.Dim(1);
        RowBlocks.TanhBackward(initialState.Hidden.Values, gradInitialState.Hidden.Values, gradInitialState.Hidden.Span);
        RowBlocks.SplitDirections(BridgeHidden.Backward(gradInitialState.Hidden).Values, NumLayers, Directions, batch, EncoderHidden, gradEncoderState.Hidden.Span);
        if (BridgeCell is not null)
        {
            RowBlocks.SplitDirections(BridgeCell.Backward(gradInitialState.Cell!).Values, NumLayers, Directions, batch, EncoderHidden, gradEncoderState.Cell!.Span);
        }

        var gradMemory = Attention?.BackwardMemory();
        var gradients = Encoder.Backward(gradMemory, gradEncoderState);
        SourceEmbedding.Backward(SourceDropout.Backward(gradients.Input!));
    }
}
