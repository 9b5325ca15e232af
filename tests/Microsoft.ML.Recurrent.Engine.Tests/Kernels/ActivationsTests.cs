using System.Numerics;
using Microsoft.ML.Recurrent.Engine.Kernels;

namespace Microsoft.ML.Recurrent.Engine.Tests.Kernels;

public class ActivationsTests
{
    private static float[] Grid()
    {
        var values = new List<float>();
        for (double x = -120; x <= 120; x += 0.0137)
        {
            values.Add((float)x);
        }

        values.AddRange([0f, -0f, 1e-8f, -1e-8f, 1e-30f, float.MaxValue, float.MinValue, 88.7f, -87.5f, 1000f, -1000f]);
        while (values.Count % Vector<float>.Count != 0)
        {
            values.Add(0.5f);
        }

        return values.ToArray();
    }

    [Fact]
    public void ExpIsAccurateToAFewUlpsAndNeverOverflows()
    {
        var x = Grid();
        for (int i = 0; i < x.Length; i += Vector<float>.Count)
        {
            var y = Activations.Exp(new Vector<float>(x, i));
            for (int k = 0; k < Vector<float>.Count; k++)
            {
                double input = Math.Clamp(x[i + k], (double)-87.3365447504019f, (double)88.0296f);
                double expected = Math.Exp(input);
                Assert.True(float.IsFinite(y[k]), $"exp({x[i + k]}) = {y[k]}");
                // Relative accuracy in the normal range; results at the lower clamp round through float denormals.
                Assert.True(Math.Abs(y[k] - expected) <= 3e-7 * expected + 1e-43, $"exp({x[i + k]}): {y[k]} vs {expected}");
            }
        }
    }

    [Fact]
    public void SigmoidAndTanhMatchDoublePrecision()
    {
        var x = Grid();
        var sigmoid = new float[x.Length];
        var tanh = new float[x.Length];
        Activations.Sigmoid(x, sigmoid);
        Activations.Tanh(x, tanh);
        for (int i = 0; i < x.Length; i++)
        {
            double s = 1 / (1 + Math.Exp(-(double)x[i]));
            double t = Math.Tanh(x[i]);
            Assert.True(Math.Abs(sigmoid[i] - s) <= 2e-7, $"sigmoid({x[i]}): {sigmoid[i]} vs {s}");
            Assert.True(Math.Abs(tanh[i] - t) <= 2e-7, $"tanh({x[i]}): {tanh[i]} vs {t}");
        }
    }
}
