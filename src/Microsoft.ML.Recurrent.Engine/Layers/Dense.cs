using Microsoft.ML.Recurrent.Engine.Kernels;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Layers;

/// <summary>
/// Fully connected layer, y = x·Wᵀ + b, applied to the last dimension of any input (PyTorch's <c>nn.Linear</c>).
/// Parameters: <c>weight</c> [outFeatures, inFeatures] and <c>bias</c> [outFeatures].
/// </summary>
public sealed class Dense : Module
{
    private readonly Tape<Frame> tape = new();
    private readonly PackedWeights trainingForwardWeight = new();
    private readonly PackedWeights evaluationForwardWeight = new(shared: true);
    private readonly PackedWeights backwardWeight = new();

    /// <summary>Creates the layer with Xavier-uniform weights and zero bias.</summary>
    public Dense(int inFeatures, int outFeatures, RandomSource random, bool bias = true, string name = "dense")
        : base(name)
    {
        Guard.Positive(inFeatures, nameof(inFeatures));
        Guard.Positive(outFeatures, nameof(outFeatures));
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = AddParameter("weight", outFeatures, inFeatures);
        Bias = bias ? AddParameter("bias", outFeatures) : null;
        Initializers.XavierUniform(Weight.Value.Span, inFeatures, outFeatures, random);
    }

    /// <summary>Input width.</summary>
    public int InFeatures { get; }

    /// <summary>Output width.</summary>
    public int OutFeatures { get; }

    /// <summary>Weight matrix [outFeatures, inFeatures].</summary>
    public Parameter Weight { get; }

    /// <summary>Bias vector, or null when created without bias.</summary>
    public Parameter? Bias { get; }

    /// <summary>Applies the layer to <paramref name="input"/> of shape [..., inFeatures].</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank < 1 || input.Dim(input.Rank - 1) != InFeatures)
        {
            throw new ArgumentException(
                $"Parameter 'input' has shape {Tensor.FormatShape(input.Shape)}; its last dimension must be {InFeatures} for layer '{Name}'.",
                nameof(input));
        }

        var frame = tape.Next(Training);
        frame.Input = input;
        int rows = input.Length / InFeatures;
        Span<int> shape = stackalloc int[input.Rank];
        input.Shape.CopyTo(shape);
        shape[^1] = OutFeatures;
        var output = Tensor.Ensure(ref frame.Output, shape, clear: false);
        if (Bias is not null)
        {
            Reductions.FillRows(output.Span, rows, Bias.Value.Values);
        }

        // Wᵀ is packed once per weight update; evaluation may run on several threads at once, so it has a shared cache.
        var packed = (Training ? trainingForwardWeight : evaluationForwardWeight).Get(Weight.Value, true, InFeatures, OutFeatures, InFeatures);
        Gemm.Multiply(false, rows, input.Values, InFeatures, packed, output.Span, OutFeatures, accumulate: Bias is not null);
        RecordOutputShape(shape);
        return output;
    }

    /// <summary>Backpropagates <paramref name="gradOutput"/> (shaped like the output); accumulates weight gradients and returns the input gradient.</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        var frame = tape.Pop(Name);
        var input = frame.Input!;
        int rows = input.Length / InFeatures;
        if (gradOutput.Length != rows * OutFeatures)
        {
            throw new ArgumentException(
                $"Parameter 'gradOutput' has {gradOutput.Length} elements, but the forward output had {rows * OutFeatures}.", nameof(gradOutput));
        }

        Gemm.Multiply(true, false, OutFeatures, InFeatures, rows, gradOutput.Span, OutFeatures, input.Span, InFeatures, Weight.Gradient.Span, InFeatures, accumulate: true);
        if (Bias is not null)
        {
            Reductions.AddColumnSums(gradOutput.Span, rows, OutFeatures, Bias.Gradient.Span);
        }

        var gradInput = Tensor.Ensure(ref frame.GradInput, input.Shape, clear: false);
        Gemm.Multiply(false, rows, gradOutput.Values, OutFeatures, backwardWeight.Get(Weight.Value, false, OutFeatures, InFeatures, InFeatures), gradInput.Span, InFeatures, accumulate: false);
        frame.Input = null;
        return gradInput;
    }

    /// <inheritdoc />
    protected override void OnClearTape() => tape.Clear();

    private sealed class Frame
    {
        public Tensor? Input;
        public Tensor? Output;
        public Tensor? GradInput;
    }
}
