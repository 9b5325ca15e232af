using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Threading;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>
/// Evaluation-mode forward of one recurrent layer; nothing is kept for backward. When each part handles every row and
/// the sequence is short, each part projects the whole input through W_ih with one product before the loop (streaming
/// those weights once); otherwise the projection is computed step by step into small scratch buffers. The cores share
/// the loop as <see cref="CorePartition.ForInference"/> decides: inline, by rows (no synchronisation), or by hidden
/// units with a spin barrier per step. One instance per frame, hence per thread.
/// </summary>
internal sealed class InferencePass : ParallelJob
{
    /// <summary>Largest input projection, in floats per part, computed for the whole sequence at once (1 MiB).</summary>
    private const int MaxProjectedFloats = 1 << 18;

    private readonly RecurrentLayer owner;
    private readonly SpinBarrier barrier = new();
    private readonly List<UnitSliceWeights> slices = new();
    private Tensor?[] gates = Array.Empty<Tensor?>();
    private Tensor?[] recurrent = Array.Empty<Tensor?>();
    private Tensor?[] aux = Array.Empty<Tensor?>();
    private Tensor?[] projections = Array.Empty<Tensor?>();
    private DirectionBuffers[] buffers = Array.Empty<DirectionBuffers>();
    private int[] lengths = Array.Empty<int>();
    private Tensor? input;
    private int layer;
    private int steps;
    private int batch;
    private CorePartition partition;
    private bool projectAll;

    public InferencePass(RecurrentLayer owner) => this.owner = owner;

    public void Run(int layerIndex, DirectionBuffers[] frameBuffers, int stepCount, int batchSize, int[] sequenceLengths, Tensor layerInput)
    {
        (layer, buffers, steps, batch, lengths, input) = (layerIndex, frameBuffers, stepCount, batchSize, sequenceLengths, layerInput);
        int directions = owner.NumDirections;
        partition = CorePartition.ForInference(batch, steps, owner.Unit(layer, 0).InputSize, owner.HiddenSize, owner.Cell.GateCount, directions);
        int parts = partition.SplitUnits ? partition.Parts : directions * partition.Parts;
        if (gates.Length < parts)
        {
            Array.Resize(ref gates, parts);
            Array.Resize(ref recurrent, parts);
            Array.Resize(ref aux, parts);
            Array.Resize(ref projections, parts);
        }

        // Whole-sequence projection needs every part to own all rows (unit slices, or one row chunk per direction).
        int width = owner.Cell.GateCount * owner.HiddenSize;
        projectAll = owner.Unit(layer, 0).InputSize > 1 && (partition.SplitUnits || partition.Parts == 1)
            && (long)steps * batch * width <= MaxProjectedFloats;

        if (partition.SplitUnits)
        {
            // Each part packs its own slice when the job starts (in parallel, and into its own core's cache).
            while (slices.Count < parts)
            {
                slices.Add(new UnitSliceWeights());
            }
        }
        else
        {
            for (int d = 0; d < directions; d++)
            {
                buffers[layer * directions + d].Weights.Pack(owner.Unit(layer, d), owner.Cell, 0, owner.HiddenSize);
            }
        }

        if (!partition.SplitUnits)
        {
            EnsureScratch(parts);
            WorkerPool.Run(this, parts, partition.Threads);
        }
        else
        {
            barrier.Reset(parts);
            if (!WorkerPool.TryRunConcurrently(this, parts, onlyIfAwake: true))
            {
                // No spare core awake right now (waking one costs tens of microseconds, and the call would wait for it at
                // the first barrier): run the same slices in lock step on this thread; the next call finds it awake.
                for (int p = 0; p < parts; p++)
                {
                    PackSlice(p, parts);
                    ProjectAll(p, slices[p]);
                }

                for (int step = 0; step < steps; step++)
                {
                    for (int p = 0; p < parts; p++)
                    {
                        StepSlice(p, step);
                    }
                }
            }
        }

        input = null;
    }

    public override void Execute(int part, int partCount)
    {
        if (partition.SplitUnits)
        {
            PackSlice(part, partCount);
            ProjectAll(part, slices[part]);
            barrier.SignalAndWait(part);
            for (int step = 0; step < steps; step++)
            {
                StepSlice(part, step);
                barrier.SignalAndWait(part);
            }

            return;
        }

        int direction = part / partition.Parts, chunk = part % partition.Parts;
        int rowStart = partition.RowStart(chunk, batch), rowEnd = partition.RowStart(chunk + 1, batch);
        var target = buffers[layer * owner.NumDirections + direction];
        var unit = owner.Unit(layer, direction);
        ProjectAll(part, target.Weights);
        for (int step = 0; step < steps; step++)
        {
            Advance(unit, target, target.Weights, step, rowStart, rowEnd, part);
        }
    }

    /// <summary>Packs hidden units [start, end) of the layer for part <paramref name="part"/>, with boundaries on multiples of 8, and sizes its scratch.</summary>
    private void PackSlice(int part, int parts)
    {
        int h = owner.HiddenSize, start = partition.UnitStart(part, h);
        var slice = slices[part];
        slice.Pack(owner.Unit(layer, 0), owner.Cell, start, partition.UnitStart(part + 1, h) - start);
        Tensor.Ensure(ref gates[part], [batch, slice.Width], clear: false);
        Tensor.Ensure(ref aux[part], [slice.UnitCount], clear: false);
        if (owner.Cell.SeparateRecurrentProjection)
        {
            Tensor.Ensure(ref recurrent[part], [batch, slice.Width], clear: false);
        }
    }

    /// <summary>With <see cref="projectAll"/>, writes part <paramref name="part"/>'s input projection of every step and row.</summary>
    private void ProjectAll(int part, UnitSliceWeights weights)
    {
        if (projectAll)
        {
            var projection = Tensor.Ensure(ref projections[part], [steps * batch, weights.Width], clear: false);
            weights.ProjectInputs(input!.Values, steps * batch, projection.Span);
        }
    }

    private void StepSlice(int part, int step) =>
        Advance(owner.Unit(layer, 0), buffers[layer], slices[part], step, 0, batch, part);

    private void Advance(RecurrentDirection unit, DirectionBuffers target, UnitSliceWeights weights, int step, int rowStart, int rowEnd, int part)
    {
        var (t, prevSlot, newSlot) = unit.StepSlots(step, steps);
        int size = batch * owner.HiddenSize, rows = rowEnd - rowStart;
        var states = target.States!.Span;
        var cells = owner.Cell.HasCellState ? target.Cells!.Span : default;
        weights.Step(
            owner.Cell,
            input!.Span.Slice(t * batch * unit.InputSize, batch * unit.InputSize),
            states.Slice(prevSlot * size, size),
            owner.Cell.HasCellState ? cells.Slice(prevSlot * size, size) : default,
            states.Slice(newSlot * size, size),
            owner.Cell.HasCellState ? cells.Slice(newSlot * size, size) : default,
            rowStart,
            rowEnd,
            lengths,
            t,
            projectAll ? projections[part]!.Span.Slice((t * batch + rowStart) * weights.Width, rows * weights.Width) : gates[part]!.Span,
            owner.Cell.SeparateRecurrentProjection ? recurrent[part]!.Span : default,
            aux[part]!.Span,
            inputProjected: projectAll,
            reverseColumns: (step & 1) != 0);
    }

    private void EnsureScratch(int parts)
    {
        for (int p = 0; p < parts; p++)
        {
            int chunk = p % partition.Parts;
            int rows = partition.RowStart(chunk + 1, batch) - partition.RowStart(chunk, batch);
            var weights = buffers[layer * owner.NumDirections + p / partition.Parts].Weights;
            Tensor.Ensure(ref gates[p], [rows, weights.Width], clear: false);
            Tensor.Ensure(ref aux[p], [weights.UnitCount], clear: false);
            if (owner.Cell.SeparateRecurrentProjection)
            {
                Tensor.Ensure(ref recurrent[p], [rows, weights.Width], clear: false);
            }
        }
    }
}
