using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Layers;

/// <summary>
/// Layer normalisation over the last dimension (PyTorch's <c>nn.LayerNorm(normalizedSize)</c>):
/// y = (x − mean) / sqrt(var + ε) · weight + bias, with biased variance.
/// </summary>
public sealed class LayerNorm : Module
{
    private readonly Tape<Frame> tape = new();

    /// <summary>Creates the layer with weight 1 and bias 0.</summary>
    public LayerNorm(int normalizedSize, float epsilon = 1e-5f, string name = "layer_norm")
        : base(name)
    {
        Guard.Positive(normalizedSize, nameof(normalizedSize));
        NormalizedSize = normalizedSize;
        Epsilon = epsilon;
        Weight = AddParameter("weight", normalizedSize);
        Bias = AddParameter("bias", normalizedSize);
        Weight.Value.Span.Fill(1f);
    }

    /// <summary>Width of the normalised (last) dimension.</summary>
    public int NormalizedSize { get; }

    /// <summary>Added to the variance for stability.</summary>
    public float Epsilon { get; }

    /// <summary>Scale γ [normalizedSize].</summary>
    public Parameter Weight { get; }

    /// <summary>Shift β [normalizedSize].</summary>
    public Parameter Bias { get; }

    /// <summary>Normalises each row of <paramref name="input"/> [..., normalizedSize].</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank < 1 || input.Dim(input.Rank - 1) != NormalizedSize)
        {
            throw new ArgumentException($"Parameter 'input' has shape {Tensor.FormatShape(input.Shape)}; its last dimension must be {NormalizedSize}.", nameof(input));
        }

        int n = NormalizedSize, rows = input.Length / n;
        var frame = tape.Next(Training);
        var normalized = Tensor.Ensure(ref frame.Normalized, input.Shape).Span;
        var inverseStd = Tensor.Ensure(ref frame.InverseStd, [rows]).Span;
        var output = Tensor.Ensure(ref frame.Output, input.Shape);
        var x = input.Span;
        var y = output.Span;
        for (int r = 0; r < rows; r++)
        {
            var row = x.Slice(r * n, n);
            float mean = TensorPrimitives.Sum(row) / n;
            var xhat = normalized.Slice(r * n, n);
            TensorPrimitives.Subtract(row, mean, xhat);
            float variance = TensorPrimitives.Dot(xhat, xhat) / n;
            float inv = 1f / MathF.Sqrt(variance + Epsilon);
            inverseStd[r] = inv;
            TensorPrimitives.Multiply(xhat, inv, xhat);
            TensorPrimitives.FusedMultiplyAdd(xhat, Weight.Value.Values, Bias.Value.Values, y.Slice(r * n, n));
        }

        RecordOutputShape(input.Shape);
        return output;
    }

    /// <summary>Accumulates weight and bias gradients and returns the input gradient.</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        var frame = tape.Pop(Name);
        int n = NormalizedSize, rows = frame.InverseStd!.Length;
        if (gradOutput.Length != rows * n)
        {
            throw new ArgumentException($"Parameter 'gradOutput' has {gradOutput.Length} values, but the forward output had {rows * n}.", nameof(gradOutput));
        }

        var gradInput = Tensor.Ensure(ref frame.GradInput, gradOutput.Shape).Span;
        var dy = gradOutput.Span;
        var xhat = frame.Normalized!.Span;
        var gamma = Weight.Value.Values;
        Span<float> scaled = n <= 1024 ? stackalloc float[n] : new float[n];
        for (int r = 0; r < rows; r++)
        {
            var dyRow = dy.Slice(r * n, n);
            var xRow = xhat.Slice(r * n, n);
            TensorPrimitives.FusedMultiplyAdd(dyRow, xRow, Weight.Gradient.Span, Weight.Gradient.Span);
            TensorPrimitives.Add(dyRow, Bias.Gradient.Span, Bias.Gradient.Span);

            // dx = inv/n · (n·g − Σg − x̂·Σ(g·x̂)), where g = dy·γ
            TensorPrimitives.Multiply(dyRow, gamma, scaled);
            float sum = TensorPrimitives.Sum(scaled);
            float dot = TensorPrimitives.Dot(scaled, xRow);
            float inv = frame.InverseStd.Span[r];
            var dx = gradInput.Slice(r * n, n);
            for (int j = 0; j < n; j++)
            {
                dx[j] = inv / n * (n * scaled[j] - sum - xRow[j] * dot);
            }
        }

        return frame.GradInput!;
    }

    /// <inheritdoc />
    protected override void OnClearTape() => tape.Clear();

    private sealed class Frame
    {
        public Tensor? Normalized;
        public Tensor? InverseStd;
        public Tensor? Output;
        public Tensor? GradInput;
    }
}
