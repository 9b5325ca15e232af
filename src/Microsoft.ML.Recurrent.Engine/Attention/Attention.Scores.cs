using Microsoft.ML.Recurrent.Engine.Kernels;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Attention;

public sealed partial class Attention
{
    /// <summary>Writes raw scores [batch, memoryLength] for valid positions (padded ones stay zero and are never used).</summary>
    private void ComputeScores(MemoryFrame mem, StepFrame frame, Span<float> scores)
    {
        var memorySpan = mem.Memory!.Span;
        var query = frame.Query!.Span;
        switch (Score)
        {
            case AttentionScore.Dot:
                DotScores(mem, query, memorySpan, scores);
                break;
            case AttentionScore.General:
            {
                // q·W [batch, memorySize], then dot products with the memory.
                var projected = Tensor.Ensure(ref frame.ProjectedQuery, [mem.Batch, MemorySize]).Span;
                Gemm.Multiply(false, false, mem.Batch, MemorySize, QuerySize, query, QuerySize, QueryWeight!.Value.Values, MemorySize, projected, MemorySize, accumulate: false);
                DotScores(mem, projected, memorySpan, scores);
                break;
            }

            default:
            {
                int a = AttentionSize;
                var projected = Tensor.Ensure(ref frame.ProjectedQuery, [mem.Batch, a]).Span;
                Reductions.FillRows(projected, mem.Batch, Bias!.Value.Values);
                Gemm.Multiply(false, true, mem.Batch, a, QuerySize, query, QuerySize, QueryWeight!.Value.Values, QuerySize, projected, a, accumulate: true);
                var activations = Tensor.Ensure(ref frame.Activations, [mem.Batch, mem.Steps, a]).Span;
                var keys = mem.Keys!.Span;
                var v = ScoreWeight!.Value.Values;
                for (int b = 0; b < mem.Batch; b++)
                {
                    for (int j = 0; j < mem.Lengths[b]; j++)
                    {
                        var t = activations.Slice((b * mem.Steps + j) * a, a);
                        TensorPrimitives.Add(projected.Slice(b * a, a), keys.Slice((j * mem.Batch + b) * a, a), t);
                        Activations.Tanh(t, t);
                        scores[b * mem.Steps + j] = TensorPrimitives.Dot(t, v);
                    }
                }

                break;
            }
        }
    }

    private void DotScores(MemoryFrame mem, ReadOnlySpan<float> queries, Span<float> memorySpan, Span<float> scores)
    {
        for (int b = 0; b < mem.Batch; b++)
        {
            var q = queries.Slice(b * MemorySize, MemorySize);
            for (int j = 0; j < mem.Lengths[b]; j++)
            {
                scores[b * mem.Steps + j] = TensorPrimitives.Dot(q, MemoryRow(memorySpan, mem, j, b));
            }
        }
    }

    /// <summary>Backpropagates score gradients into the query, the parameters and the memory (or key) gradients.</summary>
    private void BackwardScores(MemoryFrame mem, StepFrame frame, ReadOnlySpan<float> gradScores, Span<float> gradQuery)
    {
        var memorySpan = mem.Memory!.Span;
        var gradMemory = mem.GradMemory!.Span;
        var query = frame.Query!.Span;
        switch (Score)
        {
            case AttentionScore.Dot:
                DotBackward(mem, query, gradScores, memorySpan, gradMemory, gradQuery);
                break;
            case AttentionScore.General:
            {
                var gradProjected = Tensor.Ensure(ref frame.GradProjectedQuery, [mem.Batch, MemorySize]).Span;
                DotBackward(mem, frame.ProjectedQuery!.Span, gradScores, memorySpan, gradMemory, gradProjected);
                Gemm.Multiply(false, true, mem.Batch, QuerySize, MemorySize, gradProjected, MemorySize, QueryWeight!.Value.Values, MemorySize, gradQuery, QuerySize, accumulate: false);
                Gemm.Multiply(true, false, QuerySize, MemorySize, mem.Batch, query, QuerySize, gradProjected, MemorySize, QueryWeight.Gradient.Span, MemorySize, accumulate: true);
                break;
            }

            default:
            {
                int a = AttentionSize;
                var gradProjected = Tensor.Ensure(ref frame.GradProjectedQuery, [mem.Batch, a]).Span;
                var activations = frame.Activations!.Span;
                var gradKeys = mem.GradKeys!.Span;
                var v = ScoreWeight!.Value.Values;
                var gradV = ScoreWeight.Gradient.Span;
                Span<float> dPre = a <= 2048 ? stackalloc float[a] : new float[a];
                for (int b = 0; b < mem.Batch; b++)
                {
                    var dq = gradProjected.Slice(b * a, a);
                    for (int j = 0; j < mem.Lengths[b]; j++)
                    {
                        float ds = gradScores[b * mem.Steps + j];
                        var t = activations.Slice((b * mem.Steps + j) * a, a);
                        TensorPrimitives.MultiplyAdd(t, ds, gradV, gradV);

                        // d(pre-activation) = ds · v ⊙ (1 − t²)
                        TensorPrimitives.Multiply(t, t, dPre);
                        TensorPrimitives.Subtract(1f, dPre, dPre);
                        TensorPrimitives.Multiply(dPre, v, dPre);
                        TensorPrimitives.Multiply(dPre, ds, dPre);
                        TensorPrimitives.Add(dq, dPre, dq);
                        var dk = gradKeys.Slice((j * mem.Batch + b) * a, a);
                        TensorPrimitives.Add(dk, dPre, dk);
                    }
                }

                Reductions.AddColumnSums(gradProjected, mem.Batch, a, Bias!.Gradient.Span);
                Gemm.Multiply(false, false, mem.Batch, QuerySize, a, gradProjected, a, QueryWeight!.Value.Values, QuerySize, gradQuery, QuerySize, accumulate: false);
                Gemm.Multiply(true, false, a, QuerySize, mem.Batch, gradProjected, a, query, QuerySize, QueryWeight.Gradient.Span, QuerySize, accumulate: true);
                break;
            }
        }
    }

    private void DotBackward(MemoryFrame mem, ReadOnlySpan<float> queries, ReadOnlySpan<float> gradScores, Span<float> memorySpan, Span<float> gradMemory, Span<float> gradQueries)
    {
        for (int b = 0; b < mem.Batch; b++)
        {
            var q = queries.Slice(b * MemorySize, MemorySize);
            var dq = gradQueries.Slice(b * MemorySize, MemorySize);
            dq.Clear();
            for (int j = 0; j < mem.Lengths[b]; j++)
            {
                float ds = gradScores[b * mem.Steps + j];
                TensorPrimitives.MultiplyAdd(MemoryRow(memorySpan, mem, j, b), ds, dq, dq);
                var dm = MemoryRow(gradMemory, mem, j, b);
                TensorPrimitives.MultiplyAdd(q, ds, dm, dm);
            }
        }
    }
}
