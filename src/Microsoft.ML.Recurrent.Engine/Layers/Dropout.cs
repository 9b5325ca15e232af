using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Layers;

/// <summary>
/// Inverted dropout: in training mode each element is zeroed with probability <see cref="Probability"/> and the rest
/// are scaled by 1/(1−p); in evaluation mode the input passes through unchanged.
/// </summary>
public sealed class Dropout : Module
{
    private readonly Tape<Frame> tape = new();
    private readonly RandomSource random;

    /// <summary>Creates the layer; masks are drawn from <paramref name="random"/>.</summary>
    public Dropout(float probability, RandomSource random, string name = "dropout")
        : base(name)
    {
        Guard.Probability(probability, nameof(probability));
        Probability = probability;
        this.random = random ?? throw new ArgumentNullException(nameof(random));
    }

    /// <summary>Probability of zeroing an element.</summary>
    public float Probability { get; }

    /// <summary>Applies dropout (training) or the identity (evaluation).</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        RecordOutputShape(input.Shape);
        if (!Training || Probability == 0f)
        {
            return input;
        }

        var frame = tape.Next(Training);
        var mask = Tensor.Ensure(ref frame.Mask, input.Shape).Span;
        var output = Tensor.Ensure(ref frame.Output, input.Shape);
        float keep = 1f - Probability, scale = 1f / keep;
        var values = input.Span;
        var result = output.Span;
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = random.NextFloat() < keep ? scale : 0f;
            result[i] = values[i] * mask[i];
        }

        return output;
    }

    /// <summary>Returns the gradient with respect to the input.</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        if (Probability == 0f)
        {
            return gradOutput;
        }

        var frame = tape.Pop(Name);
        var mask = frame.Mask!;
        if (gradOutput.Length != mask.Length)
        {
            throw new ArgumentException($"Parameter 'gradOutput' has {gradOutput.Length} values, but the forward output had {mask.Length}.", nameof(gradOutput));
        }

        var gradInput = Tensor.Ensure(ref frame.GradInput, gradOutput.Shape);
        TensorPrimitives.Multiply(gradOutput.Span, mask.Span, gradInput.Span);
        return gradInput;
    }

    /// <inheritdoc />
    protected override void OnClearTape() => tape.Clear();

    private sealed class Frame
    {
        public Tensor? Mask;
        public Tensor? Output;
        public Tensor? GradInput;
    }
}
