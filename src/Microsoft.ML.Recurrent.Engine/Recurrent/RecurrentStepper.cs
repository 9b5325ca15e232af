using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Threading;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>
/// Streaming inference: advances a unidirectional recurrent layer's state by one timestep per call.
/// Weights are captured (packed for the matrix kernels) when the stepper is created, so create a new
/// stepper after further training. After the first call, <see cref="Step"/> allocates nothing.
/// Small batches whose steps carry enough work (see <see cref="CorePartition.ForInference"/>) split each step's hidden
/// units over the cores when another core is awake; otherwise the step runs on the calling thread, so occasional calls
/// never wait for a sleeping thread.
/// </summary>
public sealed class RecurrentStepper
{
    private readonly RecurrentLayer layer;
    private readonly CellKernel cell;
    private readonly UnitSliceWeights[][] weights;
    private readonly float[][] gates;
    private readonly float[][] recurrent;
    private readonly float[][] aux;
    private readonly float[] input;
    private readonly float[] next;
    private readonly StepJob job;
    private readonly SpinBarrier barrier = new();
    private readonly CorePartition partition;
    private long steps;

    internal RecurrentStepper(RecurrentLayer layer, int batchSize)
    {
        Guard.Positive(batchSize, nameof(batchSize));
        if (layer.Bidirectional)
        {
            throw new InvalidOperationException($"Layer '{layer.Name}' is bidirectional; streaming needs the whole sequence for the backward direction.");
        }

        this.layer = layer;
        cell = layer.Cell;
        BatchSize = batchSize;
        int h = layer.HiddenSize;
        partition = CorePartition.ForInference(batchSize, steps: 1, layer.InputSize, h, cell.GateCount, directions: 1);
        weights = new UnitSliceWeights[layer.NumLayers][];
        for (int l = 0; l < layer.NumLayers; l++)
        {
            weights[l] = new UnitSliceWeights[partition.SplitUnits ? Parts : 1];
            for (int p = 0; p < weights[l].Length; p++)
            {
                int start = partition.SplitUnits ? partition.UnitStart(p, h) : 0;
                int end = partition.SplitUnits ? partition.UnitStart(p + 1, h) : h;
                weights[l][p] = new UnitSliceWeights();
                weights[l][p].Pack(layer.Unit(l, 0), cell, start, end - start);
            }
        }

        gates = new float[Parts][];
        recurrent = new float[Parts][];
        aux = new float[Parts][];
        for (int p = 0; p < Parts; p++)
        {
            var slice = weights[0][partition.SplitUnits ? p : 0];
            int rows = RowEnd(p) - RowStart(p);
            gates[p] = new float[rows * slice.Width];
            recurrent[p] = new float[rows * slice.Width];
            aux[p] = new float[slice.UnitCount];
        }

        input = new float[batchSize * layer.InputSize];
        next = new float[batchSize * h];
        job = new StepJob(this);
        State = new RecurrentState(
            new Tensor(layer.NumLayers, batchSize, h),
            cell.HasCellState ? new Tensor(layer.NumLayers, batchSize, h) : null);
    }

    /// <summary>Number of independent streams advanced together.</summary>
    public int BatchSize { get; }

    /// <summary>The current state [numLayers, batch, hiddenSize]; may be read or overwritten (for example with a forward pass's final state).</summary>
    public RecurrentState State { get; }

    private int Parts => partition.Parts;

    /// <summary>Sets the state to zero.</summary>
    public void Reset()
    {
        State.Hidden.Clear();
        State.Cell?.Clear();
    }

    /// <summary>
    /// Consumes one input step [batch, inputSize] and returns the top layer's new hidden state [batch, hiddenSize]
    /// (a view of <see cref="State"/>, overwritten by the next call).
    /// </summary>
    public ReadOnlySpan<float> Step(ReadOnlySpan<float> input)
    {
        if (input.Length != this.input.Length)
        {
            throw new ArgumentException(
                $"Parameter 'input' has {input.Length} values, but one step needs batch {BatchSize} × inputSize {layer.InputSize} = {this.input.Length}.",
                nameof(input));
        }

        Guard.Finite(input, nameof(input));
        input.CopyTo(this.input);
        steps++;
        if (Parts == 1)
        {
            RunPart(0, concurrent: false);
        }
        else if (!partition.SplitUnits)
        {
            WorkerPool.Run(job, Parts, partition.Threads);
        }
        else
        {
            barrier.Reset(Parts);
            if (!WorkerPool.TryRunConcurrently(job, Parts, onlyIfAwake: true))
            {
                RunLockStep();
            }
        }

        int size = BatchSize * layer.HiddenSize;
        return State.Hidden.Span.Slice((layer.NumLayers - 1) * size, size);
    }

    private int RowStart(int part) => partition.SplitUnits ? 0 : partition.RowStart(part, BatchSize);

    private int RowEnd(int part) => partition.SplitUnits ? BatchSize : partition.RowStart(part + 1, BatchSize);

    /// <summary>Runs one part through every layer; concurrent unit-split parts meet at barriers between layers.</summary>
    private void RunPart(int part, bool concurrent)
    {
        for (int l = 0; l < weights.Length; l++)
        {
            var slice = StepLayer(part, l);
            if (concurrent)
            {
                barrier.SignalAndWait(part); // every part has read this layer's previous hidden state
            }

            CopyBack(slice, l, RowStart(part), RowEnd(part));
            if (concurrent && l < weights.Length - 1)
            {
                barrier.SignalAndWait(part); // the layer's new hidden state is complete before the next layer reads it
            }
        }
    }

    /// <summary>Unit-split parts on one thread: every slice of a layer, then the next layer.</summary>
    private void RunLockStep()
    {
        for (int l = 0; l < weights.Length; l++)
        {
            for (int p = 0; p < Parts; p++)
            {
                StepLayer(p, l);
            }

            for (int p = 0; p < Parts; p++)
            {
                CopyBack(weights[l][p], l, 0, BatchSize);
            }
        }
    }

    private UnitSliceWeights StepLayer(int part, int l)
    {
        int size = BatchSize * layer.HiddenSize;
        var slice = weights[l][partition.SplitUnits ? part : 0];
        var hidden = State.Hidden.Span.Slice(l * size, size);
        var cells = cell.HasCellState ? State.Cell!.Span.Slice(l * size, size) : default;
        ReadOnlySpan<float> layerInput = l == 0 ? input : State.Hidden.Span.Slice((l - 1) * size, size);
        slice.Step(
            cell, layerInput, hidden, cells, next, cells, RowStart(part), RowEnd(part), default, 0, gates[part], recurrent[part], aux[part],
            reverseColumns: (steps & 1) != 0);
        return slice;
    }

    private void CopyBack(UnitSliceWeights slice, int l, int rowStart, int rowEnd)
    {
        int h = layer.HiddenSize, size = BatchSize * h;
        var hidden = State.Hidden.Span.Slice(l * size, size);
        for (int b = rowStart; b < rowEnd; b++)
        {
            next.AsSpan(b * h + slice.UnitStart, slice.UnitCount).CopyTo(hidden.Slice(b * h + slice.UnitStart, slice.UnitCount));
        }
    }

    private sealed class StepJob(RecurrentStepper owner) : ParallelJob
    {
        public override void Execute(int part, int partCount) => owner.RunPart(part, owner.partition.SplitUnits);
    }
}
