using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Tests;

/// <summary>
/// Finite-difference gradient checking: compares analytic gradients with central differences
/// (f(x+ε) − f(x−ε)) / 2ε of a scalar function, on a random sample of elements of each tensor.
/// </summary>
internal static class GradientCheck
{
    /// <summary>
    /// Asserts that, for every (value, analytic gradient) pair, the analytic gradient matches central differences of
    /// <paramref name="evaluate"/>. <paramref name="evaluate"/> must recompute the scalar from the current values
    /// without side effects on the gradients (typically an evaluation-mode forward and a loss summed in double).
    /// </summary>
    public static void Assert(
        Func<double> evaluate,
        IEnumerable<(string Name, Tensor Value, Tensor Analytic)> tensors,
        int samplesPerTensor = 30,
        float epsilon = 1e-3f,
        double absoluteTolerance = 2e-3,
        double relativeTolerance = 2e-2,
        int seed = 0)
    {
        var random = new Random(seed);
        int checkedCount = 0;
        foreach (var (name, value, analyticTensor) in tensors)
        {
            float[] analytic = analyticTensor.Span.ToArray();
            int length = value.Length;
            var indices = length <= samplesPerTensor
                ? Enumerable.Range(0, length)
                : Enumerable.Range(0, samplesPerTensor).Select(_ => random.Next(length)).Distinct().ToList();
            foreach (int i in indices)
            {
                float original = value.Span[i];
                value.Span[i] = original + epsilon;
                double plus = evaluate();
                value.Span[i] = original - epsilon;
                double minus = evaluate();
                value.Span[i] = original;
                double numeric = (plus - minus) / (2 * epsilon);
                double difference = Math.Abs(numeric - analytic[i]);
                double allowed = absoluteTolerance + relativeTolerance * Math.Max(Math.Abs(numeric), Math.Abs(analytic[i]));
                Xunit.Assert.True(
                    difference <= allowed,
                    $"{name}[{i}]: analytic {analytic[i]:G6}, numeric {numeric:G6}, difference {difference:G3} > {allowed:G3}.");
                checkedCount++;
            }
        }

        Xunit.Assert.True(checkedCount > 0, "Nothing was checked.");
    }

    /// <summary>Σ output·weights in double: a scalar whose gradient with respect to the output is <paramref name="weights"/>.</summary>
    public static double WeightedSum(ReadOnlySpan<float> output, ReadOnlySpan<float> weights)
    {
        double sum = 0;
        for (int i = 0; i < output.Length; i++)
        {
            sum += (double)output[i] * weights[i];
        }

        return sum;
    }

    /// <summary>A tensor of normal random values, for inputs and projection weights.</summary>
    public static Tensor RandomTensor(RandomSource random, float scale, params int[] shape)
    {
        var tensor = new Tensor(shape);
        random.FillNormal(tensor.Span, scale);
        return tensor;
    }
}
