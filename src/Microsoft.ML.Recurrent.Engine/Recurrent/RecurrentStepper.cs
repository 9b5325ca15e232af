using Microsoft.ML.Recurrent.Engine.Kernels;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>
/// Streaming inference: advances a unidirectional recurrent layer's state by one timestep per call.
/// Weights are captured (packed for the matrix kernels) when the stepper is created, so create a new
/// stepper after further training. After the first call, <see cref="Step"/> allocates nothing.
/// </summary>
public sealed class RecurrentStepper
{
    private readonly RecurrentLayer layer;
    private readonly CellKernel cell;
    private readonly LayerWeights[] layers;
    private readonly float[] gates;
    private readonly float[] recurrent;
    private readonly float[] aux;

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
        int g = cell.GateCount * layer.HiddenSize;
        layers = new LayerWeights[layer.NumLayers];
        for (int l = 0; l < layers.Length; l++)
        {
            layers[l] = new LayerWeights(layer.Unit(l, 0), cell);
        }

        gates = new float[batchSize * g];
        recurrent = new float[batchSize * g];
        aux = new float[layer.HiddenSize];
        State = new RecurrentState(
            new Tensor(layer.NumLayers, batchSize, layer.HiddenSize),
            cell.HasCellState ? new Tensor(layer.NumLayers, batchSize, layer.HiddenSize) : null);
    }

    /// <summary>Number of independent streams advanced together.</summary>
    public int BatchSize { get; }

    /// <summary>The current state [numLayers, batch, hiddenSize]; may be read or overwritten (for example with a forward pass's final state).</summary>
    public RecurrentState State { get; }

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
        if (input.Length != BatchSize * layer.InputSize)
        {
            throw new ArgumentException(
                $"Parameter 'input' has {input.Length} values, but one step needs batch {BatchSize} × inputSize {layer.InputSize} = {BatchSize * layer.InputSize}.",
                nameof(input));
        }

        Guard.Finite(input, nameof(input));
        int h = layer.HiddenSize, g = cell.GateCount * h, size = BatchSize * h;
        ReadOnlySpan<float> layerInput = input;
        for (int l = 0; l < layers.Length; l++)
        {
            var weights = layers[l];
            var hidden = State.Hidden.Span.Slice(l * size, size);
            var cells = cell.HasCellState ? State.Cell!.Span.Slice(l * size, size) : default;
            Reductions.FillRows(gates, BatchSize, weights.InputBias);
            Gemm.Multiply(false, BatchSize, layerInput, weights.InputSize, weights.Input, gates, g, accumulate: true);
            if (cell.SeparateRecurrentProjection)
            {
                Reductions.FillRows(recurrent, BatchSize, weights.RecurrentBias);
                Gemm.Multiply(false, BatchSize, hidden, h, weights.Recurrent, recurrent, g, accumulate: true);
            }
            else
            {
                Gemm.Multiply(false, BatchSize, hidden, h, weights.Recurrent, gates, g, accumulate: true);
            }

            for (int b = 0; b < BatchSize; b++)
            {
                var hRow = hidden.Slice(b * h, h);
                var cRow = cell.HasCellState ? cells.Slice(b * h, h) : default;
                cell.ForwardRow(gates.AsSpan(b * g, g), cell.SeparateRecurrentProjection ? recurrent.AsSpan(b * g, g) : default, aux, hRow, cRow, hRow, cRow);
            }

            layerInput = hidden;
        }

        return layerInput;
    }

    /// <summary>One layer's weights, packed for the matrix kernels.</summary>
    private sealed class LayerWeights
    {
        public LayerWeights(RecurrentDirection unit, CellKernel cell)
        {
            int g = cell.GateCount * unit.HiddenSize;
            InputSize = unit.InputSize;
            Gemm.PackRight(true, unit.InputSize, g, unit.InputWeight.Value.Span, unit.InputSize, Input);
            Gemm.PackRight(true, unit.HiddenSize, g, unit.RecurrentWeight.Value.Span, unit.HiddenSize, Recurrent);
            InputBias = unit.InputBias.Value.Span.ToArray();
            RecurrentBias = unit.RecurrentBias.Value.Span.ToArray();
            if (!cell.SeparateRecurrentProjection)
            {
                TensorPrimitives.Add(InputBias, RecurrentBias, InputBias);
            }
        }

        public int InputSize { get; }

        public PackedMatrix Input { get; } = new();

        public PackedMatrix Recurrent { get; } = new();

        public float[] InputBias { get; }

        public float[] RecurrentBias { get; }
    }
}
