using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Layers;

/// <summary>
/// Lookup table from token ids to vectors (PyTorch's <c>nn.Embedding</c>). Parameter <c>weight</c> [numEmbeddings, embeddingDim]
/// starts N(0, 1). The row at <see cref="PaddingIndex"/>, if any, starts at zero and never receives gradient.
/// </summary>
public sealed class Embedding : Module
{
    private readonly Tape<Frame> tape = new();

    /// <summary>Creates the table.</summary>
    public Embedding(int numEmbeddings, int embeddingDim, RandomSource? random = null, int? paddingIndex = null, string name = "embedding")
        : base(name)
    {
        Guard.Positive(numEmbeddings, nameof(numEmbeddings));
        Guard.Positive(embeddingDim, nameof(embeddingDim));
        if (paddingIndex is { } pad && (pad < 0 || pad >= numEmbeddings))
        {
            throw new ArgumentOutOfRangeException(nameof(paddingIndex), pad, $"Parameter 'paddingIndex' must be in [0, {numEmbeddings}).");
        }

        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        PaddingIndex = paddingIndex;
        Weight = AddParameter("weight", numEmbeddings, embeddingDim);
        (random ?? new RandomSource(0)).FillNormal(Weight.Value.Span, 1f);
        if (paddingIndex is { } p)
        {
            Weight.Value.Span.Slice(p * embeddingDim, embeddingDim).Clear();
        }
    }

    /// <summary>Number of rows (vocabulary size).</summary>
    public int NumEmbeddings { get; }

    /// <summary>Width of each vector.</summary>
    public int EmbeddingDim { get; }

    /// <summary>Row reserved for padding, or null.</summary>
    public int? PaddingIndex { get; }

    /// <summary>The table [numEmbeddings, embeddingDim].</summary>
    public Parameter Weight { get; }

    /// <summary>
    /// Looks up <paramref name="indices"/>, laid out as <paramref name="shape"/> (for example [time, batch]);
    /// returns [..shape, embeddingDim].
    /// </summary>
    public Tensor Forward(ReadOnlySpan<int> indices, params ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (int d in shape)
        {
            count *= d;
        }

        if (count != indices.Length)
        {
            throw new ArgumentException($"Parameter 'indices' has {indices.Length} ids, but shape {Tensor.FormatShape(shape)} needs {count}.", nameof(indices));
        }

        for (int i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)NumEmbeddings)
            {
                throw new ArgumentException(
                    $"Parameter 'indices' has id {indices[i]} at position {i}; ids must be in [0, {NumEmbeddings}) for '{Name}'.", nameof(indices));
            }
        }

        var frame = tape.Next(Training);
        if (frame.Indices.Length < indices.Length)
        {
            frame.Indices = new int[indices.Length];
        }

        indices.CopyTo(frame.Indices);
        frame.Count = indices.Length;
        Span<int> outputShape = stackalloc int[shape.Length + 1];
        shape.CopyTo(outputShape);
        outputShape[^1] = EmbeddingDim;
        var output = Tensor.Ensure(ref frame.Output, outputShape);
        var table = Weight.Value.Values;
        var rows = output.Span;
        for (int i = 0; i < indices.Length; i++)
        {
            table.Slice(indices[i] * EmbeddingDim, EmbeddingDim).CopyTo(rows.Slice(i * EmbeddingDim, EmbeddingDim));
        }

        RecordOutputShape(outputShape);
        return output;
    }

    /// <summary>Accumulates <paramref name="gradOutput"/> (shaped like the output) into the rows that were looked up.</summary>
    public void Backward(Tensor gradOutput)
    {
        var frame = tape.Pop(Name);
        if (gradOutput.Length != frame.Count * EmbeddingDim)
        {
            throw new ArgumentException($"Parameter 'gradOutput' has {gradOutput.Length} values, but the forward output had {frame.Count * EmbeddingDim}.", nameof(gradOutput));
        }

        var gradient = Weight.Gradient.Span;
        var rows = gradOutput.Span;
        for (int i = 0; i < frame.Count; i++)
        {
            int id = frame.Indices[i];
            if (id != PaddingIndex)
            {
                var target = gradient.Slice(id * EmbeddingDim, EmbeddingDim);
                TensorPrimitives.Add(target, rows.Slice(i * EmbeddingDim, EmbeddingDim), target);
            }
        }
    }

    /// <inheritdoc />
    protected override void OnClearTape() => tape.Clear();

    private sealed class Frame
    {
        public int[] Indices = Array.Empty<int>();
        public int Count;
        public Tensor? Output;
    }
}
