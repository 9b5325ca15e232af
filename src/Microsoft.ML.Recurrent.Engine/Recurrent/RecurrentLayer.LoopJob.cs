using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Threading;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

public abstract partial class RecurrentLayer
{
    /// <summary>
    /// Runs the time loops of one layer as (direction × batch chunk) parts. Recurrences of different rows are
    /// independent, so the parts need no synchronisation until the whole loop is done.
    /// </summary>
    private sealed class LoopJob(RecurrentLayer owner) : ParallelJob
    {
        private Frame? frame;
        private Tensor? outputGradient;
        private int layer;
        private CorePartition partition;
        private bool backward;

        public void Set(Frame target, int layerIndex, bool isBackward, CorePartition rows, Tensor? gradient)
        {
            frame = target;
            layer = layerIndex;
            backward = isBackward;
            partition = rows;
            outputGradient = gradient;
        }

        public void Clear()
        {
            frame = null;
            outputGradient = null;
        }

        public override void Execute(int part, int partCount)
        {
            int direction = part / partition.Parts, chunk = part % partition.Parts;
            int u = layer * owner.NumDirections + direction;
            var unit = owner.units[u];
            int batch = frame!.Batch;
            int rowStart = partition.RowStart(chunk, batch), rowEnd = partition.RowStart(chunk + 1, batch);
            if (!backward)
            {
                unit.ForwardRows(frame.Buffers[u], frame.Steps, batch, frame.Lengths, rowStart, rowEnd);
                return;
            }

            int offset = owner.Merge == BidirectionalMerge.Concat ? direction * owner.HiddenSize : 0;
            unit.BackwardRows(
                frame.Buffers[u], owner.unitGradients[u], frame.Steps, batch, frame.Lengths,
                outputGradient is null ? default : outputGradient.Span, owner.OutputSize, offset, rowStart, rowEnd);
        }
    }
}
