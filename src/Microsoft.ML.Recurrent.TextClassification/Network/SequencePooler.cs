using Microsoft.ML.Recurrent.Engine.Attention;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.TextClassification.Network;

/// <summary>
/// Pools the encoder's outputs [time, batch, width] over each sequence's valid steps into [batch, width]
/// (see <see cref="PoolingMode"/>). <see cref="PoolingMode.Last"/> passes the encoder's last-state output through.
/// Attention pooling is the engine's additive attention with a constant query, so its score is vᵀ·tanh(W·h + b′).
/// Evaluation-mode forwards are thread safe.
/// </summary>
internal sealed partial class SequencePooler : Module
{
    private readonly Tape<Frame> tape = new();
    private readonly Attention? attention;

    public SequencePooler(PoolingMode mode, int width, int attentionSize, RandomSource random)
        : base("pooling")
    {
        Mode = mode;
        Width = width;
        if (mode == PoolingMode.Attention)
        {
            attention = AddChild(new Attention(AttentionScore.Additive, querySize: 1, width, attentionSize > 0 ? attentionSize : width, random, "attention"));
        }
    }

    public PoolingMode Mode { get; }

    public int Width { get; }

    /// <summary>
    /// Pools <paramref name="outputs"/>; <paramref name="lengths"/> empty means every sequence is full length.
    /// <paramref name="weights"/> receives the attention weights [batch, time] (attention pooling only; owned by the layer).
    /// </summary>
    public Tensor Forward(Tensor outputs, ReadOnlySpan<int> lengths, out Tensor? weights)
    {
        weights = null;
        if (Mode == PoolingMode.Last)
        {
            return outputs;
        }

        int steps = outputs.Dim(0), batch = outputs.Dim(1);
        var frame = tape.Next(Training);
        frame.Outputs = outputs;
        frame.SetLengths(lengths, steps, batch);
        if (attention is not null)
        {
            attention.SetMemory(outputs, frame.Lengths);
            var query = Tensor.Ensure(ref frame.Query, [batch, 1], clear: false);
            query.Span.Fill(1f);
            var result = attention.Forward(query);
            weights = result.Weights;
            RecordOutputShape(result.Context.Shape);
            return result.Context;
        }

        var pooled = Tensor.Ensure(ref frame.Pooled, [batch, Width], clear: false);
        var values = outputs.Values;
        var target = pooled.Span;
        for (int b = 0; b < batch; b++)
        {
            var row = target.Slice(b * Width, Width);
            values.Slice(b * Width, Width).CopyTo(row);
            for (int t = 1; t < frame.Lengths[b]; t++)
            {
                var step = values.Slice((t * batch + b) * Width, Width);
                if (Mode == PoolingMode.Max)
                {
                    TensorPrimitives.Max(row, step, row);
                }
                else
                {
                    TensorPrimitives.Add(row, step, row);
                }
            }

            if (Mode == PoolingMode.Mean)
            {
                TensorPrimitives.Multiply(row, 1f / frame.Lengths[b], row);
            }
        }

        RecordOutputShape(pooled.Shape);
        return pooled;
    }

    /// <summary>Backpropagates the pooled gradient [batch, width] to the encoder outputs.</summary>
    public Tensor Backward(Tensor gradPooled)
    {
        if (Mode == PoolingMode.Last)
        {
            return gradPooled;
        }

        var frame = tape.Pop(Name);
        if (attention is not null)
        {
            attention.Backward(gradPooled);
            return attention.BackwardMemory();
        }

        var outputs = frame.Outputs!;
        int steps = outputs.Dim(0), batch = outputs.Dim(1);
        var gradient = Tensor.Ensure(ref frame.GradOutputs, [steps, batch, Width]).Span;
        var grad = gradPooled.Values;
        var values = outputs.Values;
        var pooled = frame.Pooled!.Values;
        for (int b = 0; b < batch; b++)
        {
            int length = frame.Lengths[b];
            var row = grad.Slice(b * Width, Width);
            if (Mode == PoolingMode.Mean)
            {
                for (int t = 0; t < length; t++)
                {
                    TensorPrimitives.Multiply(row, 1f / length, gradient.Slice((t * batch + b) * Width, Width));
                }

                continue;
            }

            // Max: the gradient goes to the first step holding each maximum.
            for (int d = 0; d < Width; d++)
            {
                float max = pooled[b * Width + d];
                int t = 0;
                while (t < length - 1 && values[(t * batch + b) * Width + d] != max)
                {
                    t++;
                }

                gradient[(t * batch + b) * Width + d] = row[d];
            }
        }

        frame.Outputs = null;
        return frame.GradOutputs!;
    }

    /// <inheritdoc />
    protected override void OnClearTape() => tape.Clear();

    private sealed class Frame
    {
        public Tensor? Outputs;
        public int[] Lengths = [];
        public Tensor? Query;
        public Tensor? Pooled;
        public Tensor? GradOutputs;

        public void SetLengths(ReadOnlySpan<int> lengths, int steps, int batch)
        {
            if (Lengths.Length != batch)
            {
                Lengths = new int[batch];
            }

            if (lengths.IsEmpty)
            {
                Lengths.AsSpan().Fill(steps);
            }
            else
            {
                lengths.CopyTo(Lengths);
            }
        }
    }
}
