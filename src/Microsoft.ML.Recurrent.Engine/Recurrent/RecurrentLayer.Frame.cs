using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

public abstract partial class RecurrentLayer
{
    private RecurrentState CollectFinalState(Frame frame)
    {
        int size = frame.Batch * HiddenSize;
        var hidden = Tensor.Ensure(ref frame.FinalHidden, [units.Length, frame.Batch, HiddenSize], clear: false);
        var cells = cell.HasCellState ? Tensor.Ensure(ref frame.FinalCell, [units.Length, frame.Batch, HiddenSize], clear: false) : null;
        for (int u = 0; u < units.Length; u++)
        {
            int slot = units[u].FinalSlot(frame.Steps);
            frame.Buffers[u].States!.Span.Slice(slot * size, size).CopyTo(hidden.Span.Slice(u * size, size));
            if (cells is not null)
            {
                frame.Buffers[u].Cells!.Span.Slice(slot * size, size).CopyTo(cells.Span.Slice(u * size, size));
            }
        }

        if (frame.FinalState is null || frame.FinalState.Hidden != hidden || frame.FinalState.Cell != cells)
        {
            frame.FinalState = new RecurrentState(hidden, cells);
        }

        return frame.FinalState;
    }

    private Tensor CollectLastState(Frame frame)
    {
        int h = HiddenSize, batch = frame.Batch, width = OutputSize, size = batch * h;
        var last = Tensor.Ensure(ref frame.LastState, [batch, width], clear: false).Span;
        var finals = frame.FinalHidden!.Span;
        for (int d = 0; d < NumDirections; d++)
        {
            int u = (NumLayers - 1) * NumDirections + d;
            int offset = Merge == BidirectionalMerge.Concat ? d * h : 0;
            for (int b = 0; b < batch; b++)
            {
                var source = finals.Slice(u * size + b * h, h);
                var target = last.Slice(b * width + offset, h);
                if (d == 0 || Merge == BidirectionalMerge.Concat)
                {
                    source.CopyTo(target);
                }
                else
                {
                    TensorPrimitives.Add(target, source, target);
                }
            }
        }

        return frame.LastState!;
    }

    private void PrepareInitialStateGradient(Frame frame)
    {
        var hidden = Tensor.Ensure(ref frame.GradInitialHidden, [units.Length, frame.Batch, HiddenSize], clear: false);
        var cells = cell.HasCellState ? Tensor.Ensure(ref frame.GradInitialCell, [units.Length, frame.Batch, HiddenSize], clear: false) : null;
        if (frame.GradInitialState is null || frame.GradInitialState.Hidden != hidden || frame.GradInitialState.Cell != cells)
        {
            frame.GradInitialState = new RecurrentState(hidden, cells);
        }
    }

    private void CopyInitialStateGradient(Frame frame, int unit)
    {
        int size = frame.Batch * HiddenSize, slot = frame.Steps % 2;
        var gradients = unitGradients[unit];
        gradients.Hidden!.Span.Slice(slot * size, size).CopyTo(frame.GradInitialHidden!.Span.Slice(unit * size, size));
        if (cell.HasCellState)
        {
            gradients.Cell!.Span.Slice(slot * size, size).CopyTo(frame.GradInitialCell!.Span.Slice(unit * size, size));
        }
    }

    /// <summary>Everything one forward pass keeps for its backward pass.</summary>
    private sealed class Frame
    {
        public int Steps;
        public int Batch;
        public int[] Lengths = Array.Empty<int>();
        public Tensor? Input;
        public bool HasInitialState;
        public bool DropoutApplied;
        public bool HasPadding;
        public DirectionBuffers[] Buffers = Array.Empty<DirectionBuffers>();
        public Tensor?[] LayerOutputs = Array.Empty<Tensor?>();
        public Tensor?[] DropoutMasks = Array.Empty<Tensor?>();
        public Tensor?[] DroppedOutputs = Array.Empty<Tensor?>();
        public Tensor?[] LayerGradients = Array.Empty<Tensor?>();
        public Tensor? LastState;
        public Tensor? FinalHidden;
        public Tensor? FinalCell;
        public RecurrentState? FinalState;
        public Tensor? GradInput;
        public Tensor? GradInitialHidden;
        public Tensor? GradInitialCell;
        public RecurrentState? GradInitialState;
        public LoopJob? LoopJob;
        public InferencePass? Inference;

        public void Prepare(int unitCount, int layers, int steps, int batch, ReadOnlySpan<int> lengths, Tensor input, bool hasInitialState, bool dropout)
        {
            if (Buffers.Length != unitCount)
            {
                Buffers = Enumerable.Range(0, unitCount).Select(_ => new DirectionBuffers()).ToArray();
                LayerOutputs = new Tensor?[layers];
                DropoutMasks = new Tensor?[layers];
                DroppedOutputs = new Tensor?[layers];
                LayerGradients = new Tensor?[layers];
            }

            Steps = steps;
            Batch = batch;
            if (Lengths.Length != batch)
            {
                Lengths = new int[batch];
            }

            if (lengths.IsEmpty)
            {
                Lengths.AsSpan().Fill(steps);
            }
            else
            {
                lengths.CopyTo(Lengths);
            }

            HasPadding = Lengths.AsSpan().IndexOfAnyExcept(steps) >= 0;

            Input = input;
            HasInitialState = hasInitialState;
            DropoutApplied = dropout;
        }

        public Tensor LayerInput(int layer) => DropoutApplied ? DroppedOutputs[layer - 1]! : LayerOutputs[layer - 1]!;
    }
}
