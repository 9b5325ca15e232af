using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Threading;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>
/// A stacked, optionally bidirectional recurrent layer over time-major sequences [time, batch, inputSize],
/// with PyTorch's parameter names, shapes and state layout, so weights port both ways.
/// Variable-length batches pass per-sample lengths: padded steps neither change the state nor receive gradient.
/// The batch is split over <see cref="EngineThreads.Count"/> cores (and directions run in parallel).
/// </summary>
public abstract partial class RecurrentLayer : Module
{
    private readonly CellKernel cell;
    private readonly RecurrentDirection[] units;
    private readonly DirectionGradients[] unitGradients;
    private readonly Tape<Frame> tape = new();
    private readonly RandomSource random;

    /// <summary>Creates an <see cref="Lstm"/> or a <see cref="Gru"/>, as <paramref name="cellType"/> says; the arguments are theirs.</summary>
    /// <param name="cellType">The cell.</param>
    /// <param name="inputSize">Features per input step.</param>
    /// <param name="hiddenSize">Units per direction, at most <see cref="SizeLimits.MaxHiddenSize"/>.</param>
    /// <param name="numLayers">Stacked layers, at most <see cref="SizeLimits.MaxLayers"/>.</param>
    /// <param name="dropout">Dropout between stacked layers.</param>
    /// <param name="bidirectional">Whether each layer also reads the sequence backwards.</param>
    /// <param name="random">Source of the initial weights and dropout masks.</param>
    /// <param name="name">Module name; null for the cell's default ("lstm" or "gru").</param>
    public static RecurrentLayer Create(
        RecurrentCellType cellType, int inputSize, int hiddenSize, int numLayers = 1, float dropout = 0f, bool bidirectional = false, RandomSource? random = null, string? name = null) =>
        cellType switch
        {
            RecurrentCellType.Lstm => new Lstm(inputSize, hiddenSize, numLayers, dropout, bidirectional, random, name: name ?? "lstm"),
            RecurrentCellType.Gru => new Gru(inputSize, hiddenSize, numLayers, dropout, bidirectional, random, name: name ?? "gru"),
            _ => throw new ArgumentOutOfRangeException(nameof(cellType), cellType, "Parameter 'cellType' must be Lstm or Gru."),
        };

    private protected RecurrentLayer(
        CellKernel cell, string name, int inputSize, int hiddenSize, int numLayers, float dropout, bool bidirectional,
        BidirectionalMerge merge, RandomSource? random)
        : base(name)
    {
        Guard.Positive(inputSize, nameof(inputSize));
        SizeLimits.Require(hiddenSize, 1, SizeLimits.MaxHiddenSize, nameof(hiddenSize));
        SizeLimits.Require(numLayers, 1, SizeLimits.MaxLayers, nameof(numLayers));
        Guard.Probability(dropout, nameof(dropout));
        this.cell = cell;
        this.random = random ?? new RandomSource(0);
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        Dropout = dropout;
        NumDirections = bidirectional ? 2 : 1;
        Merge = merge;
        units = new RecurrentDirection[numLayers * NumDirections];
        unitGradients = new DirectionGradients[units.Length];
        int g = cell.GateCount * hiddenSize;
        for (int layer = 0; layer < numLayers; layer++)
        {
            int layerInput = layer == 0 ? inputSize : OutputSize;
            for (int d = 0; d < NumDirections; d++)
            {
                string suffix = $"_l{layer}{(d == 1 ? "_reverse" : string.Empty)}";
                var wih = AddParameter("weight_ih" + suffix, g, layerInput);
                var whh = AddParameter("weight_hh" + suffix, g, hiddenSize);
                var bih = AddParameter("bias_ih" + suffix, g);
                var bhh = AddParameter("bias_hh" + suffix, g);
                Initializers.XavierUniform(wih.Value.Span, layerInput, g, this.random);
                for (int gate = 0; gate < cell.GateCount; gate++)
                {
                    Initializers.Orthogonal(whh.Value.Span.Slice(gate * hiddenSize * hiddenSize, hiddenSize * hiddenSize), hiddenSize, hiddenSize, this.random);
                }

                if (cell.HasCellState)
                {
                    bih.Value.Span.Slice(hiddenSize, hiddenSize).Fill(1f); // forget-gate bias 1
                }

                units[layer * NumDirections + d] = new RecurrentDirection(cell, layerInput, hiddenSize, d == 1, wih, whh, bih, bhh);
                unitGradients[layer * NumDirections + d] = new DirectionGradients();
            }
        }

    }

    /// <summary>Features per input step.</summary>
    public int InputSize { get; }

    /// <summary>Features in the hidden state of each direction.</summary>
    public int HiddenSize { get; }

    /// <summary>Number of stacked layers.</summary>
    public int NumLayers { get; }

    /// <summary>Dropout probability applied to the outputs of every layer but the last, in training mode.</summary>
    public float Dropout { get; }

    /// <summary>Whether the layer also runs backwards in time.</summary>
    public bool Bidirectional => NumDirections == 2;

    /// <summary>1, or 2 when bidirectional.</summary>
    public int NumDirections { get; }

    /// <summary>How the two directions are combined.</summary>
    public BidirectionalMerge Merge { get; }

    /// <summary>Width of each output step: hiddenSize, or 2·hiddenSize for a concatenated bidirectional layer.</summary>
    public int OutputSize => Bidirectional && Merge == BidirectionalMerge.Concat ? 2 * HiddenSize : HiddenSize;

    /// <summary>Output the whole sequence [time, batch, width] (default), or only the last state [batch, width].</summary>
    public bool ReturnSequences { get; set; } = true;

    /// <summary>Whether backward computes the input gradient; turn off for a first layer fed by data to save time.</summary>
    public bool RequiresInputGradient { get; set; } = true;

    /// <summary>Whether the state includes an LSTM memory cell.</summary>
    public bool HasCellState => cell.HasCellState;

    internal CellKernel Cell => cell;

    /// <summary>
    /// Creates a streaming stepper that advances <paramref name="batchSize"/> independent sequences one step per call,
    /// using the current weights. Not available for bidirectional layers.
    /// </summary>
    public RecurrentStepper CreateStepper(int batchSize = 1) => new(this, batchSize);

    internal RecurrentDirection Unit(int layer, int direction) => units[layer * NumDirections + direction];

    /// <summary>Runs the layer over <paramref name="input"/> [time, batch, inputSize].</summary>
    /// <param name="input">Time-major input sequences; must be finite.</param>
    /// <param name="lengths">Valid length of each sequence, 1..time; empty means all are full length.</param>
    /// <param name="initialState">Initial state [layers·directions, batch, hiddenSize] (with a cell for LSTM); null means zeros.</param>
    public RecurrentOutput Forward(Tensor input, ReadOnlySpan<int> lengths = default, RecurrentState? initialState = null)
    {
        Guard.Shape(input, nameof(input), -1, -1, InputSize);
        int steps = input.Dim(0), batch = input.Dim(1);
        if (steps == 0 || batch == 0)
        {
            throw new ArgumentException($"Parameter 'input' has shape {Tensor.FormatShape(input.Shape)}; sequences need at least one step and one sample.", nameof(input));
        }

        if (!lengths.IsEmpty)
        {
            Guard.Lengths(lengths, batch, steps, nameof(lengths));
        }

        Guard.Finite(input.Span, nameof(input));
        ValidateState(initialState, batch, nameof(initialState));

        var frame = tape.Next(Training);
        frame.Prepare(units.Length, NumLayers, steps, batch, lengths, input, initialState is not null, Training && Dropout > 0f && NumLayers > 1);
        for (int layer = 0; layer < NumLayers; layer++)
        {
            var layerInput = layer == 0 ? input : frame.LayerInput(layer);
            for (int d = 0; d < NumDirections; d++)
            {
                int u = layer * NumDirections + d;
                var unit = units[u];
                var buffers = unit.Buffers(frame.Buffers[u], steps, batch, Training);
                int size = batch * HiddenSize;
                unit.SetInitialState(
                    buffers, steps, batch,
                    initialState is null ? default : initialState.Hidden.Span.Slice(u * size, size),
                    initialState?.Cell is null ? default : initialState.Cell.Span.Slice(u * size, size));
                if (Training)
                {
                    unit.PrepareForward(layerInput.Span, steps * batch, buffers);
                }
            }

            if (Training)
            {
                RunLoops(frame, layer, backward: false, null);
            }
            else
            {
                (frame.Inference ??= new InferencePass(this)).Run(layer, frame.Buffers, steps, batch, frame.Lengths, layerInput);
            }

            var output = Tensor.Ensure(ref frame.LayerOutputs[layer], [steps, batch, OutputSize], clear: frame.HasPadding);
            WriteLayerOutput(frame, layer, output.Span);
            if (frame.DropoutApplied && layer < NumLayers - 1)
            {
                ApplyDropout(frame, layer, output);
            }
        }

        var finalState = CollectFinalState(frame);
        var result = ReturnSequences ? frame.LayerOutputs[NumLayers - 1]! : CollectLastState(frame);
        RecordOutputShape(result.Shape);
        return new RecurrentOutput(result, finalState);
    }

    /// <summary>
    /// Backpropagates through the most recent training-mode forward pass, accumulating parameter gradients.
    /// </summary>
    /// <param name="gradOutput">Gradient with respect to <see cref="RecurrentOutput.Output"/>, or null if the output was unused.</param>
    /// <param name="gradFinalState">Gradient with respect to <see cref="RecurrentOutput.FinalState"/>, or null if it was unused.</param>
    public RecurrentGradients Backward(Tensor? gradOutput, RecurrentState? gradFinalState = null)
    {
        var frame = tape.Pop(Name);
        int steps = frame.Steps, batch = frame.Batch;
        if (gradOutput is not null)
        {
            if (ReturnSequences)
            {
                Guard.Shape(gradOutput, nameof(gradOutput), steps, batch, OutputSize);
            }
            else
            {
                Guard.Shape(gradOutput, nameof(gradOutput), batch, OutputSize);
            }
        }

        ValidateState(gradFinalState, batch, nameof(gradFinalState));
        if (frame.HasInitialState)
        {
            PrepareInitialStateGradient(frame);
        }

        Tensor? sequenceGradient = ReturnSequences ? gradOutput : null;
        for (int layer = NumLayers - 1; layer >= 0; layer--)
        {
            for (int d = 0; d < NumDirections; d++)
            {
                int u = layer * NumDirections + d;
                var gradients = units[u].Gradients(unitGradients[u], steps, batch);
                units[u].PrepareBackward();
                SeedFinalStateGradient(gradients, u, d, batch, layer == NumLayers - 1 && !ReturnSequences ? gradOutput : null, gradFinalState);
            }

            RunLoops(frame, layer, backward: true, sequenceGradient);
            var layerInput = layer == 0 ? frame.Input! : frame.LayerInput(layer);
            Tensor? inputGradient = null;
            if (layer > 0 || RequiresInputGradient)
            {
                int width = layer == 0 ? InputSize : OutputSize;
                inputGradient = layer == 0
                    ? Tensor.Ensure(ref frame.GradInput, [steps, batch, width], clear: false)
                    : Tensor.Ensure(ref frame.LayerGradients[layer - 1], [steps, batch, width], clear: false);
            }

            for (int d = 0; d < NumDirections; d++)
            {
                int u = layer * NumDirections + d;
                if (frame.HasInitialState)
                {
                    CopyInitialStateGradient(frame, u);
                }

                units[u].AccumulateWeightGradients(frame.Buffers[u], unitGradients[u], layerInput.Span, steps, batch);
                if (inputGradient is not null)
                {
                    units[u].AccumulateInputGradient(unitGradients[u], inputGradient.Span, steps * batch, accumulate: d > 0);
                }
            }

            if (layer > 0)
            {
                if (frame.DropoutApplied)
                {
                    TensorPrimitives.Multiply(inputGradient!.Span, frame.DropoutMasks[layer - 1]!.Span, inputGradient.Span);
                }

                sequenceGradient = inputGradient;
            }
        }

        return new RecurrentGradients(RequiresInputGradient ? frame.GradInput : null, frame.HasInitialState ? frame.GradInitialState : null);
    }

    /// <inheritdoc />
    protected override void OnClearTape() => tape.Clear();

    private void ValidateState(RecurrentState? state, int batch, string parameterName)
    {
        if (state is null)
        {
            return;
        }

        Guard.Shape(state.Hidden, parameterName + ".Hidden", NumLayers * NumDirections, batch, HiddenSize);
        if (cell.HasCellState != state.Cell is not null)
        {
            throw new ArgumentException(
                cell.HasCellState
                    ? $"Parameter '{parameterName}' has no Cell tensor; an LSTM state needs both hidden and cell."
                    : $"Parameter '{parameterName}' has a Cell tensor, but only LSTM layers have a memory cell.",
                parameterName);
        }

        Guard.Finite(state.Hidden.Span, parameterName + ".Hidden");
        if (state.Cell is not null)
        {
            Guard.Finite(state.Cell.Span, parameterName + ".Cell");
        }
    }

    private void RunLoops(Frame frame, int layer, bool backward, Tensor? outputGradient)
    {
        var rows = CorePartition.Rows(frame.Batch, NumDirections);
        var job = frame.LoopJob ??= new LoopJob(this);
        job.Set(frame, layer, backward, rows, outputGradient);
        WorkerPool.Run(job, NumDirections * rows.Parts);
        job.Clear();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void WriteLayerOutput(Frame frame, int layer, Span<float> output)
    {
        int steps = frame.Steps, batch = frame.Batch, h = HiddenSize, width = OutputSize;
        for (int d = 0; d < NumDirections; d++)
        {
            var unit = units[layer * NumDirections + d];
            var states = frame.Buffers[layer * NumDirections + d].States!.Span;
            int offset = Merge == BidirectionalMerge.Concat ? d * h : 0;
            for (int t = 0; t < steps; t++)
            {
                int slot = unit.OutputSlot(t);
                for (int b = 0; b < batch; b++)
                {
                    if (t >= frame.Lengths[b])
                    {
                        continue;
                    }

                    var source = states.Slice((slot * batch + b) * h, h);
                    var target = output.Slice((t * batch + b) * width + offset, h);
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
        }
    }

    private void ApplyDropout(Frame frame, int layer, Tensor output)
    {
        var mask = Tensor.Ensure(ref frame.DropoutMasks[layer], output.Shape, clear: false).Span;
        var dropped = Tensor.Ensure(ref frame.DroppedOutputs[layer], output.Shape, clear: false).Span;
        float keep = 1f - Dropout, scale = 1f / keep;
        var values = output.Span;
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = random.NextFloat() < keep ? scale : 0f;
            dropped[i] = values[i] * mask[i];
        }
    }

    private void SeedFinalStateGradient(DirectionGradients gradients, int unit, int direction, int batch, Tensor? lastStateGradient, RecurrentState? gradFinalState)
    {
        int h = HiddenSize, size = batch * h;
        var dHidden = gradients.Hidden!.Span[..size];
        gradFinalState?.Hidden.Span.Slice(unit * size, size).CopyTo(dHidden);
        gradFinalState?.Cell?.Span.Slice(unit * size, size).CopyTo(gradients.Cell!.Span[..size]);
        if (lastStateGradient is not null)
        {
            int width = OutputSize, offset = Merge == BidirectionalMerge.Concat ? direction * h : 0;
            for (int b = 0; b < batch; b++)
            {
                var row = dHidden.Slice(b * h, h);
                TensorPrimitives.Add(row, lastStateGradient.Span.Slice(b * width + offset, h), row);
            }
        }
    }
}
