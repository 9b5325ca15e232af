using System.Runtime.CompilerServices;
using Microsoft.ML.Recurrent.Engine.Kernels;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>
/// One layer and direction of a recurrent network: its weights and the time loop that runs the cell over a
/// range of batch rows, forward and backward (BPTT). Padded steps (t ≥ length) leave the state unchanged
/// and receive no gradient; the reverse direction therefore starts at each sequence's last valid step.
/// </summary>
internal sealed class RecurrentDirection
{
    private readonly CellKernel cell;

    /// <summary>The weights as training-mode forward passes use them, packed once per weight update for all of them.</summary>
    private readonly UnitSliceWeights trainingWeights = new();
    private readonly PackedWeights recurrentWeightsBackward = new();
    private readonly PackedWeights inputWeightsBackward = new();
    private PackedMatrix? recurrentBackward;

    public RecurrentDirection(CellKernel cell, int inputSize, int hiddenSize, bool reverse, Parameter inputWeight, Parameter recurrentWeight, Parameter inputBias, Parameter recurrentBias)
    {
        this.cell = cell;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        Reverse = reverse;
        InputWeight = inputWeight;
        RecurrentWeight = recurrentWeight;
        InputBias = inputBias;
        RecurrentBias = recurrentBias;
    }

    public int InputSize { get; }

    public int HiddenSize { get; }

    public bool Reverse { get; }

    /// <summary>W_ih [G·H, inputSize].</summary>
    public Parameter InputWeight { get; }

    /// <summary>W_hh [G·H, hiddenSize].</summary>
    public Parameter RecurrentWeight { get; }

    /// <summary>b_ih [G·H].</summary>
    public Parameter InputBias { get; }

    /// <summary>b_hh [G·H].</summary>
    public Parameter RecurrentBias { get; }

    /// <summary>Sizes the buffers of a forward pass; activations for backward are kept only when <paramref name="training"/>.</summary>
    public DirectionBuffers Buffers(DirectionBuffers buffers, int steps, int batch, bool training)
    {
        int h = HiddenSize, g = cell.GateCount * h;

        // The loops overwrite everything they later read, except the initial-state slot (see SetInitialState).
        Tensor.Ensure(ref buffers.States, [steps + 1, batch, h], clear: false);
        if (cell.HasCellState)
        {
            Tensor.Ensure(ref buffers.Cells, [steps + 1, batch, h], clear: false);
        }

        if (training)
        {
            Tensor.Ensure(ref buffers.Gates, [steps, batch, g], clear: false);
            Tensor.Ensure(ref buffers.Aux, [steps, batch, h], clear: false);
            if (cell.SeparateRecurrentProjection)
            {
                Tensor.Ensure(ref buffers.Recurrent, [batch, g], clear: false);
            }
        }

        return buffers;
    }

    /// <summary>Slot of the initial state: 0 forward, T reverse.</summary>
    public int InitialSlot(int steps) => Reverse ? steps : 0;

    /// <summary>Writes the initial state of this unit: rows of <paramref name="hidden"/>/<paramref name="cells"/> [B·H], or zeros when empty.</summary>
    public void SetInitialState(DirectionBuffers buffers, int steps, int batch, ReadOnlySpan<float> hidden, ReadOnlySpan<float> cells)
    {
        int size = batch * HiddenSize, slot = InitialSlot(steps);
        var hiddenSlot = buffers.States!.Span.Slice(slot * size, size);
        if (hidden.IsEmpty)
        {
            hiddenSlot.Clear();
        }
        else
        {
            hidden.CopyTo(hiddenSlot);
        }

        if (cell.HasCellState)
        {
            var cellSlot = buffers.Cells!.Span.Slice(slot * size, size);
            if (cells.IsEmpty)
            {
                cellSlot.Clear();
            }
            else
            {
                cells.CopyTo(cellSlot);
            }
        }
    }

    /// <summary>Slot of the final state: T forward, 0 reverse.</summary>
    public int FinalSlot(int steps) => Reverse ? 0 : steps;

    /// <summary>
    /// For the <paramref name="step"/>-th step in processing order: the time it processes and the state slots it reads and writes.
    /// </summary>
    public (int Time, int PreviousSlot, int NewSlot) StepSlots(int step, int steps)
    {
        int t = Reverse ? steps - 1 - step : step;
        return Reverse ? (t, t + 1, t) : (t, t, t + 1);
    }

    /// <summary>Slot holding the output at time <paramref name="t"/>.</summary>
    public int OutputSlot(int t) => Reverse ? t : t + 1;

    /// <summary>Packs the weights (when they changed) and computes the input projection x·W_ihᵀ for all steps (biases are added by the cell).</summary>
    public void PrepareForward(ReadOnlySpan<float> input, int rows, DirectionBuffers buffers)
    {
        var weights = trainingWeights;
        weights.Pack(this, cell, 0, HiddenSize);
        Gemm.Multiply(false, rows, input, InputSize, weights.Input, buffers.Gates!.Span, weights.Width, accumulate: false);
    }

    /// <summary>Runs the forward time loop for batch rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ForwardRows(DirectionBuffers buffers, int steps, int batch, ReadOnlySpan<int> lengths, int rowStart, int rowEnd)
    {
        int h = HiddenSize, g = cell.GateCount * h, rows = rowEnd - rowStart;
        Span<float> gates = buffers.Gates!.Span, aux = buffers.Aux!.Span, states = buffers.States!.Span;
        Span<float> cells = cell.HasCellState ? buffers.Cells!.Span : default;
        Span<float> recurrent = cell.SeparateRecurrentProjection ? buffers.Recurrent!.Span : default;
        var weights = trainingWeights;
        for (int step = 0; step < steps; step++)
        {
            var (t, prevSlot, newSlot) = StepSlots(step, steps);
            var hPrevRows = states.Slice((prevSlot * batch + rowStart) * h, rows * h);
            var gateRows = gates.Slice((t * batch + rowStart) * g, rows * g);
            if (cell.SeparateRecurrentProjection)
            {
                Gemm.Multiply(false, rows, hPrevRows, h, weights.Recurrent, recurrent.Slice(rowStart * g, rows * g), g, accumulate: false);
            }
            else
            {
                Gemm.Multiply(false, rows, hPrevRows, h, weights.Recurrent, gateRows, g, accumulate: true);
            }

            for (int b = rowStart; b < rowEnd; b++)
            {
                int prev = (prevSlot * batch + b) * h, next = (newSlot * batch + b) * h;
                if (t < lengths[b])
                {
                    cell.ForwardRow(
                        gates.Slice((t * batch + b) * g, g),
                        cell.SeparateRecurrentProjection ? recurrent.Slice(b * g, g) : default,
                        weights.InputBias,
                        weights.RecurrentBias,
                        aux.Slice((t * batch + b) * h, h),
                        states.Slice(prev, h),
                        cell.HasCellState ? cells.Slice(prev, h) : default,
                        states.Slice(next, h),
                        cell.HasCellState ? cells.Slice(next, h) : default);
                }
                else
                {
                    states.Slice(prev, h).CopyTo(states.Slice(next, h));
                    if (cell.HasCellState)
                    {
                        cells.Slice(prev, h).CopyTo(cells.Slice(next, h));
                    }
                }
            }
        }
    }

    public DirectionGradients Gradients(DirectionGradients gradients, int steps, int batch)
    {
        int h = HiddenSize, g = cell.GateCount * h;
        // Every row of every step is written by BackwardRows (zeros for padded steps).
        Tensor.Ensure(ref gradients.Input, [steps, batch, g], clear: false);
        if (cell.SeparateRecurrentProjection)
        {
            Tensor.Ensure(ref gradients.Recurrent, [steps, batch, g], clear: false);
        }

        Tensor.Ensure(ref gradients.Hidden, [2, batch, h]);
        Tensor.Ensure(ref gradients.Cell, [2, batch, h]);
        return gradients;
    }

    /// <summary>Packs W_hh for the backward loop (when it changed).</summary>
    public void PrepareBackward() => recurrentBackward = recurrentWeightsBackward.Get(RecurrentWeight.Value, false, cell.GateCount * HiddenSize, HiddenSize, HiddenSize);

    /// <summary>
    /// Runs BPTT for batch rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>). On entry slot 0 of the
    /// hidden/cell gradient buffers holds the final-state gradient; on exit slot <c>steps % 2</c> holds the
    /// initial-state gradient. <paramref name="outputGradient"/> has row stride <paramref name="outputStride"/> and
    /// this direction's columns start at <paramref name="outputOffset"/>; it may be empty.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void BackwardRows(
        DirectionBuffers buffers, DirectionGradients gradients, int steps, int batch, ReadOnlySpan<int> lengths,
        ReadOnlySpan<float> outputGradient, int outputStride, int outputOffset, int rowStart, int rowEnd)
    {
        int h = HiddenSize, g = cell.GateCount * h, rows = rowEnd - rowStart;
        ReadOnlySpan<float> gates = buffers.Gates!.Span, aux = buffers.Aux!.Span, states = buffers.States!.Span;
        ReadOnlySpan<float> cells = cell.HasCellState ? buffers.Cells!.Span : default;
        Span<float> dInput = gradients.Input!.Span;
        Span<float> dRecurrent = cell.SeparateRecurrentProjection ? gradients.Recurrent!.Span : dInput;
        Span<float> dHidden = gradients.Hidden!.Span, dCell = gradients.Cell!.Span;
        for (int step = 0; step < steps; step++)
        {
            var (t, prevSlot, newSlot) = StepSlots(steps - 1 - step, steps);
            int current = step % 2, next = 1 - current;
            for (int b = rowStart; b < rowEnd; b++)
            {
                var dh = dHidden.Slice((current * batch + b) * h, h);
                var dc = dCell.Slice((current * batch + b) * h, h);
                var dhNext = dHidden.Slice((next * batch + b) * h, h);
                var dcNext = dCell.Slice((next * batch + b) * h, h);
                if (t >= lengths[b])
                {
                    dh.CopyTo(dhNext);
                    dc.CopyTo(dcNext);
                    dInput.Slice((t * batch + b) * g, g).Clear();
                    dRecurrent.Slice((t * batch + b) * g, g).Clear();
                    continue;
                }

                if (!outputGradient.IsEmpty)
                {
                    TensorPrimitives.Add(dh, outputGradient.Slice((t * batch + b) * outputStride + outputOffset, h), dh);
                }

                int prev = (prevSlot * batch + b) * h, row = (t * batch + b) * h;
                cell.BackwardRow(
                    gates.Slice((t * batch + b) * g, g),
                    aux.Slice(row, h),
                    states.Slice(prev, h),
                    states.Slice((newSlot * batch + b) * h, h),
                    cell.HasCellState ? cells.Slice(prev, h) : default,
                    dh,
                    dc,
                    dInput.Slice((t * batch + b) * g, g),
                    dRecurrent.Slice((t * batch + b) * g, g),
                    dhNext,
                    dcNext);
            }

            Gemm.Multiply(
                false, rows, dRecurrent.Slice((t * batch + rowStart) * g, rows * g), g, recurrentBackward!,
                dHidden.Slice((next * batch + rowStart) * h, rows * h), h, accumulate: true);
        }
    }

    /// <summary>Accumulates dW_hh, db_hh, dW_ih and db_ih from a finished backward loop over the whole batch.</summary>
    public void AccumulateWeightGradients(DirectionBuffers buffers, DirectionGradients gradients, ReadOnlySpan<float> input, int steps, int batch)
    {
        int h = HiddenSize, g = cell.GateCount * h, rows = steps * batch;
        ReadOnlySpan<float> dInput = gradients.Input!.Span[..(rows * g)];
        ReadOnlySpan<float> dRecurrent = cell.SeparateRecurrentProjection ? gradients.Recurrent!.Span[..(rows * g)] : dInput;
        var previousStates = buffers.States!.Span.Slice(Reverse ? batch * h : 0, rows * h);
        Gemm.Multiply(true, false, g, h, rows, dRecurrent, g, previousStates, h, RecurrentWeight.Gradient.Span, h, accumulate: true);
        Reductions.AddColumnSums(dRecurrent, rows, g, RecurrentBias.Gradient.Span);
        Gemm.Multiply(true, false, g, InputSize, rows, dInput, g, input, InputSize, InputWeight.Gradient.Span, InputSize, accumulate: true);
        Reductions.AddColumnSums(dInput, rows, g, InputBias.Gradient.Span);
    }

    /// <summary>Writes (or, with <paramref name="accumulate"/>, adds) this direction's input gradient dXP·W_ih into <paramref name="inputGradient"/> [T·B, inputSize].</summary>
    public void AccumulateInputGradient(DirectionGradients gradients, Span<float> inputGradient, int rows, bool accumulate)
    {
        int g = cell.GateCount * HiddenSize;
        Gemm.Multiply(false, rows, gradients.Input!.Values, g, inputWeightsBackward.Get(InputWeight.Value, false, g, InputSize, InputSize), inputGradient, InputSize, accumulate);
    }
}
