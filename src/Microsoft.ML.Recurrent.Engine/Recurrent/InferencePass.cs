using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Threading;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>
/// Evaluation-mode forward of one recurrent layer. The input projection is computed step by step into small scratch
/// buffers and nothing is kept for backward. Batches of 16 or more split their rows over cores (no synchronisation);
/// smaller batches split the hidden units of each step over cores, each core packing and streaming only its share of
/// the weights, with a spin barrier per step. One instance per frame, hence per thread.
/// </summary>
internal sealed class InferencePass : ParallelJob
{
    private const int MinRowsPerChunk = 8;
    private const int SplitBatchLimit = 16;
    private const int MinUnitsPerPart = 16;

    private readonly RecurrentLayer owner;
    private readonly SpinBarrier barrier = new();
    private readonly List<UnitSliceWeights> slices = new();
    private Tensor?[] gates = Array.Empty<Tensor?>();
    private Tensor?[] recurrent = Array.Empty<Tensor?>();
    private Tensor?[] aux = Array.Empty<Tensor?>();
    private DirectionBuffers[] buffers = Array.Empty<DirectionBuffers>();
    private int[] lengths = Array.Empty<int>();
    private Tensor? input;
    private int layer;
    private int steps;
    private int batch;
    private int chunks;
    private bool splitUnits;

    public InferencePass(RecurrentLayer owner) => this.owner = owner;

    public void Run(int layerIndex, DirectionBuffers[] frameBuffers, int stepCount, int batchSize, int[] sequenceLengths, Tensor layerInput)
    {
        (layer, buffers, steps, batch, lengths, input) = (layerIndex, frameBuffers, stepCount, batchSize, sequenceLengths, layerInput);
        int threads = EngineThreads.Count, directions = owner.NumDirections, h = owner.HiddenSize;
        splitUnits = directions == 1 && batch < SplitBatchLimit && threads >= 2 && h >= 2 * MinUnitsPerPart;
        int parts;
        if (gates.Length < threads * directions)
        {
            Array.Resize(ref gates, threads * directions);
            Array.Resize(ref recurrent, threads * directions);
            Array.Resize(ref aux, threads * directions);
        }

        if (splitUnits)
        {
            // Each part packs its own slice when the job starts (in parallel, and into its own core's cache).
            parts = Math.Min(threads, h / MinUnitsPerPart);
            while (slices.Count < parts)
            {
                slices.Add(new UnitSliceWeights());
            }
        }
        else
        {
            chunks = Math.Clamp((threads + directions - 1) / directions, 1, Math.Max(1, batch / MinRowsPerChunk));
            parts = directions * chunks;
            for (int d = 0; d < directions; d++)
            {
                buffers[layer * directions + d].Weights.Pack(owner.Unit(layer, d), owner.Cell, 0, h);
            }
        }

        if (!splitUnits)
        {
            EnsureScratch(parts);
            WorkerPool.Run(this, parts);
        }
        else
        {
            barrier.Reset(parts);
            if (!WorkerPool.TryRunConcurrently(this, parts))
            {
                // No spare cores right now: run the same slices in lock step on this thread.
                for (int p = 0; p < parts; p++)
                {
                    PackSlice(p, parts);
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
        if (splitUnits)
        {
            PackSlice(part, partCount);
            barrier.SignalAndWait(part);
            for (int step = 0; step < steps; step++)
            {
                StepSlice(part, step);
                barrier.SignalAndWait(part);
            }

            return;
        }

        int direction = part / chunks, chunk = part % chunks;
        int rowStart = chunk * batch / chunks, rowEnd = (chunk + 1) * batch / chunks;
        var target = buffers[layer * owner.NumDirections + direction];
        var unit = owner.Unit(layer, direction);
        for (int step = 0; step < steps; step++)
        {
            Advance(unit, target, target.Weights, step, rowStart, rowEnd, part);
        }
    }

    /// <summary>Packs hidden units [start, end) of the layer for part <paramref name="part"/>, with boundaries on multiples of 8, and sizes its scratch.</summary>
    private void PackSlice(int part, int parts)
    {
        int h = owner.HiddenSize;
        int start = part * h / parts / 8 * 8, end = part == parts - 1 ? h : (part + 1) * h / parts / 8 * 8;
        var slice = slices[part];
        slice.Pack(owner.Unit(layer, 0), owner.Cell, start, end - start);
        Tensor.Ensure(ref gates[part], [batch, slice.Width], clear: false);
        Tensor.Ensure(ref aux[part], [slice.UnitCount], clear: false);
        if (owner.Cell.SeparateRecurrentProjection)
        {
            Tensor.Ensure(ref recurrent[part], [batch, slice.Width], clear: false);
        }
    }

    private void StepSlice(int part, int step) =>
        Advance(owner.Unit(layer, 0), buffers[layer], slices[part], step, 0, batch, part);

    private void Advance(RecurrentDirection unit, DirectionBuffers target, UnitSliceWeights weights, int step, int rowStart, int rowEnd, int part)
    {
        var (t, prevSlot, newSlot) = unit.StepSlots(step, steps);
        int size = batch * owner.HiddenSize;
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
            gates[part]!.Span,
            owner.Cell.SeparateRecurrentProjection ? recurrent[part]!.Span : default,
            aux[part]!.Span);
    }

    private void EnsureScratch(int parts)
    {
        for (int p = 0; p < parts; p++)
        {
            int rows = (p % chunks + 1) * batch / chunks - p % chunks * batch / chunks;
            var weights = buffers[layer * owner.NumDirections + p / chunks].Weights;
            Tensor.Ensure(ref gates[p], [rows, weights.Width], clear: false);
            Tensor.Ensure(ref aux[p], [weights.UnitCount], clear: false);
            if (owner.Cell.SeparateRecurrentProjection)
            {
                Tensor.Ensure(ref recurrent[p], [rows, weights.Width], clear: false);
            }
        }
    }
}
