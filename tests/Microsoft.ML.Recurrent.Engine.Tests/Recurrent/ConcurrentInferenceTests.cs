using Microsoft.ML.Recurrent.Engine.Attention;
using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;
using AttentionLayer = Microsoft.ML.Recurrent.Engine.Attention.Attention;

namespace Microsoft.ML.Recurrent.Engine.Tests.Recurrent;

/// <summary>Evaluation-mode forwards on one shared module are thread safe: every thread gets its own scratch buffers.</summary>
public class ConcurrentInferenceTests
{
    [Fact]
    public void ParallelEvaluationMatchesSequentialResults()
    {
        var random = new RandomSource(8);
        var encoder = new Lstm(3, 16, numLayers: 2, bidirectional: true, random: random);
        var attention = new AttentionLayer(AttentionScore.Additive, 8, 32, random: random);
        encoder.Eval();
        attention.Eval();
        var inputs = Enumerable.Range(0, 16).Select(_ => GradientCheck.RandomTensor(random, 1f, 9, 4, 3)).ToArray();
        var queries = Enumerable.Range(0, 16).Select(_ => GradientCheck.RandomTensor(random, 1f, 4, 8)).ToArray();

        float[] Run(int i)
        {
            var memory = encoder.Forward(inputs[i], [9, 5, 7, 1]).Output;
            attention.SetMemory(memory, [9, 5, 7, 1]);
            return [.. memory.Span, .. attention.Forward(queries[i]).Context.Span];
        }

        var expected = Enumerable.Range(0, 16).Select(Run).ToArray();
        var failures = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
        {
            for (int repeat = 0; repeat < 50; repeat++)
            {
                int i = (thread * 7 + repeat) % 16;
                if (!Run(i).SequenceEqual(expected[i]))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        Assert.Equal(0, failures);
    }
}
