using Microsoft.ML.Recurrent.Engine.Kernels;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Attention;

/// <summary>
/// Attention over a memory of encoder outputs [memoryLength, batch, memorySize] (time-major) with a padding mask.
/// Usage per training step: <see cref="SetMemory"/> once, <see cref="Forward"/> for each decoder step, then
/// <see cref="Backward"/> for each step in reverse order and finally <see cref="BackwardMemory"/>, which returns the
/// gradient with respect to the memory. Padded positions get zero weight and no gradient.
/// </summary>
public sealed partial class Attention : Module
{
    private readonly Tape<MemoryFrame> memoryTape = new();
    private readonly Tape<StepFrame> stepTape = new();

    /// <summary>Creates an attention layer.</summary>
    /// <param name="score">Scoring function.</param>
    /// <param name="querySize">Width of the query (decoder state).</param>
    /// <param name="memorySize">Width of each memory vector (encoder output).</param>
    /// <param name="attentionSize">Hidden width of the additive score; ignored otherwise (0 = querySize).</param>
    /// <param name="random">Source for initial weights; seed 0 when null.</param>
    /// <param name="name">Module name.</param>
    public Attention(AttentionScore score, int querySize, int memorySize, int attentionSize = 0, RandomSource? random = null, string name = "attention")
        : base(name)
    {
        Guard.Positive(querySize, nameof(querySize));
        Guard.Positive(memorySize, nameof(memorySize));
        if (score == AttentionScore.Dot && querySize != memorySize)
        {
            throw new ArgumentException($"Dot attention needs querySize ({querySize}) equal to memorySize ({memorySize}); use General or Additive otherwise.", nameof(querySize));
        }

        random ??= new RandomSource(0);
        Score = score;
        QuerySize = querySize;
        MemorySize = memorySize;
        AttentionSize = score == AttentionScore.Additive ? (attentionSize > 0 ? attentionSize : querySize) : 0;
        if (score == AttentionScore.Additive)
        {
            QueryWeight = AddParameter("query_weight", AttentionSize, querySize);
            KeyWeight = AddParameter("key_weight", AttentionSize, memorySize);
            Bias = AddParameter("bias", AttentionSize);
            ScoreWeight = AddParameter("score_weight", AttentionSize);
            Initializers.XavierUniform(QueryWeight.Value.Span, querySize, AttentionSize, random);
            Initializers.XavierUniform(KeyWeight.Value.Span, memorySize, AttentionSize, random);
            Initializers.XavierUniform(ScoreWeight.Value.Span, AttentionSize, 1, random);
        }
        else if (score == AttentionScore.General)
        {
            QueryWeight = AddParameter("weight", querySize, memorySize);
            Initializers.XavierUniform(QueryWeight.Value.Span, memorySize, querySize, random);
        }
    }

    /// <summary>The scoring function.</summary>
    public AttentionScore Score { get; }

    /// <summary>Width of the query.</summary>
    public int QuerySize { get; }

    /// <summary>Width of each memory vector, and of the context.</summary>
    public int MemorySize { get; }

    /// <summary>Hidden width of the additive score (0 for multiplicative scores).</summary>
    public int AttentionSize { get; }

    internal Parameter? QueryWeight { get; }

    internal Parameter? KeyWeight { get; }

    internal Parameter? Bias { get; }

    internal Parameter? ScoreWeight { get; }

    /// <summary>Sets the memory attended to by the following <see cref="Forward"/> calls.</summary>
    /// <param name="memory">Encoder outputs [memoryLength, batch, memorySize]; must stay unchanged until backward.</param>
    /// <param name="lengths">Valid length of each memory sequence (1..memoryLength); empty means all full.</param>
    public void SetMemory(Tensor memory, ReadOnlySpan<int> lengths = default)
    {
        Guard.Shape(memory, nameof(memory), -1, -1, MemorySize);
        int steps = memory.Dim(0), batch = memory.Dim(1);
        if (steps == 0 || batch == 0)
        {
            throw new ArgumentException($"Parameter 'memory' has shape {Tensor.FormatShape(memory.Shape)}; it needs at least one position and one sample.", nameof(memory));
        }

        if (!lengths.IsEmpty)
        {
            Guard.Lengths(lengths, batch, steps, nameof(lengths));
        }

        var frame = memoryTape.Next(Training);
        frame.Memory = memory;
        frame.Steps = steps;
        frame.Batch = batch;
        if (frame.Lengths.Length != batch)
        {
            frame.Lengths = new int[batch];
        }

        if (lengths.IsEmpty)
        {
            frame.Lengths.AsSpan().Fill(steps);
        }
        else
        {
            lengths.CopyTo(frame.Lengths);
        }

        frame.GradientReady = false;
        frame.IsSet = true;
        if (Score == AttentionScore.Additive)
        {
            var keys = Tensor.Ensure(ref frame.Keys, [steps, batch, AttentionSize]);
            Gemm.Multiply(false, true, steps * batch, AttentionSize, MemorySize, memory.Span, MemorySize, KeyWeight!.Value.Values, MemorySize, keys.Span, AttentionSize, accumulate: false);
        }
    }

    /// <summary>Attends with <paramref name="query"/> [batch, querySize] over the current memory.</summary>
    public AttentionOutput Forward(Tensor query)
    {
        var mem = Training && memoryTape.Count > 0 ? memoryTape.Peek(Name) : memoryTape.Scratch;
        if (!mem.IsSet || (Training && memoryTape.Count == 0))
        {
            throw new InvalidOperationException($"Call SetMemory on '{Name}' before Forward.");
        }

        Guard.Shape(query, nameof(query), mem.Batch, QuerySize);
        var frame = stepTape.Next(Training);
        frame.Memory = mem;
        frame.Query = query;
        var scores = Tensor.Ensure(ref frame.Weights, [mem.Batch, mem.Steps]);
        ComputeScores(mem, frame, scores.Span);
        var context = Tensor.Ensure(ref frame.Context, [mem.Batch, MemorySize]);
        var memorySpan = mem.Memory!.Span;
        for (int b = 0; b < mem.Batch; b++)
        {
            var weights = scores.Span.Slice(b * mem.Steps, mem.Steps);
            Softmax(weights[..mem.Lengths[b]]);
            var target = context.Span.Slice(b * MemorySize, MemorySize);
            for (int j = 0; j < mem.Lengths[b]; j++)
            {
                TensorPrimitives.MultiplyAdd(MemoryRow(memorySpan, mem, j, b), weights[j], target, target);
            }
        }

        RecordOutputShape(context.Shape);
        return new AttentionOutput(context, scores);
    }

    /// <summary>Backpropagates one step's context gradient [batch, memorySize]; returns the query gradient [batch, querySize].</summary>
    public Tensor Backward(Tensor gradContext)
    {
        var frame = stepTape.Pop(Name);
        var mem = frame.Memory!;
        Guard.Shape(gradContext, nameof(gradContext), mem.Batch, MemorySize);
        if (!mem.GradientReady)
        {
            Tensor.Ensure(ref mem.GradMemory, [mem.Steps, mem.Batch, MemorySize]);
            if (Score == AttentionScore.Additive)
            {
                Tensor.Ensure(ref mem.GradKeys, [mem.Steps, mem.Batch, AttentionSize]);
            }

            mem.GradientReady = true;
        }

        var gradScores = Tensor.Ensure(ref frame.GradScores, [mem.Batch, mem.Steps]).Span;
        var memorySpan = mem.Memory!.Span;
        var gradMemory = mem.GradMemory!.Span;
        for (int b = 0; b < mem.Batch; b++)
        {
            int length = mem.Lengths[b];
            var weights = frame.Weights!.Span.Slice(b * mem.Steps, length);
            var dScores = gradScores.Slice(b * mem.Steps, length);
            var dContext = gradContext.Span.Slice(b * MemorySize, MemorySize);
            for (int j = 0; j < length; j++)
            {
                dScores[j] = TensorPrimitives.Dot(dContext, MemoryRow(memorySpan, mem, j, b));
                var target = MemoryRow(gradMemory, mem, j, b);
                TensorPrimitives.MultiplyAdd(dContext, weights[j], target, target);
            }

            float expected = TensorPrimitives.Dot(weights, dScores);
            for (int j = 0; j < length; j++)
            {
                dScores[j] = weights[j] * (dScores[j] - expected);
            }
        }

        var gradQuery = Tensor.Ensure(ref frame.GradQuery, [mem.Batch, QuerySize]);
        BackwardScores(mem, frame, gradScores, gradQuery.Span);
        return gradQuery;
    }

    /// <summary>Finishes the backward pass of the latest <see cref="SetMemory"/>; returns the memory gradient [memoryLength, batch, memorySize].</summary>
    public Tensor BackwardMemory()
    {
        var mem = memoryTape.Pop(Name);
        if (!mem.GradientReady)
        {
            Tensor.Ensure(ref mem.GradMemory, [mem.Steps, mem.Batch, MemorySize]);
            mem.GradientReady = true;
        }
        else if (Score == AttentionScore.Additive)
        {
            int rows = mem.Steps * mem.Batch;
            Gemm.Multiply(false, false, rows, MemorySize, AttentionSize, mem.GradKeys!.Span, AttentionSize, KeyWeight!.Value.Values, MemorySize, mem.GradMemory!.Span, MemorySize, accumulate: true);
            Gemm.Multiply(true, false, AttentionSize, MemorySize, rows, mem.GradKeys.Span, AttentionSize, mem.Memory!.Span, MemorySize, KeyWeight.Gradient.Span, MemorySize, accumulate: true);
        }

        return mem.GradMemory!;
    }

    /// <inheritdoc />
    protected override void OnClearTape()
    {
        memoryTape.Clear();
        stepTape.Clear();
    }

    private Span<float> MemoryRow(Span<float> memorySpan, MemoryFrame mem, int position, int sample) =>
        memorySpan.Slice((position * mem.Batch + sample) * MemorySize, MemorySize);

    private static void Softmax(Span<float> values)
    {
        float max = TensorPrimitives.Max(values);
        TensorPrimitives.Subtract(values, max, values);
        TensorPrimitives.Exp(values, values);
        TensorPrimitives.Divide(values, TensorPrimitives.Sum(values), values);
    }

    /// <summary>Memory set by <see cref="SetMemory"/> and the gradients accumulated into it.</summary>
    private sealed class MemoryFrame
    {
        public Tensor? Memory;
        public int Steps;
        public int Batch;
        public int[] Lengths = Array.Empty<int>();
        public Tensor? Keys;
        public Tensor? GradMemory;
        public Tensor? GradKeys;
        public bool GradientReady;
        public bool IsSet;
    }

    /// <summary>One attention step.</summary>
    private sealed class StepFrame
    {
        public MemoryFrame? Memory;
        public Tensor? Query;
        public Tensor? Weights;
        public Tensor? Context;
        public Tensor? ProjectedQuery;
        public Tensor? Activations;
        public Tensor? GradScores;
        public Tensor? GradProjectedQuery;
        public Tensor? GradQuery;
    }
}
