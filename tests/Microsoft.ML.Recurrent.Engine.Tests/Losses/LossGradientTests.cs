using Microsoft.ML.Recurrent.Engine.Losses;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Tests.Losses;

/// <summary>Every loss's analytic gradient matches central finite differences of its mean, with weights, masks and options.</summary>
public class LossGradientTests
{
    // Central differences of a float loss: ε = 1e-2 keeps rounding noise near 1e-6; inputs stay ≥ 0.05 away from kinks.
    private const float Epsilon = 1e-2f;
    private const double AbsoluteTolerance = 3e-5;
    private const double RelativeTolerance = 1e-3;
    private const float KinkMargin = 0.05f;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MeanSquaredError(bool weighted) =>
        CheckRegression(new MeanSquaredErrorLoss(), [3, 5, 7], weighted, seed: 1);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MeanAbsoluteError(bool weighted) =>
        CheckRegression(new MeanAbsoluteErrorLoss(), [4, 13], weighted, seed: 2, kinks: [0f]);

    [Theory]
    [InlineData(1f, false)]
    [InlineData(0.3f, true)]
    [InlineData(2.5f, true)]
    public void Huber(float delta, bool weighted) =>
        CheckRegression(new HuberLoss(delta), [6, 9], weighted, seed: 3, scale: 2f, kinks: [-delta, delta]);

    [Fact]
    public void HuberExercisesBothSidesOfDelta()
    {
        var random = new RandomSource(3);
        var p = GradientCheck.RandomTensor(random, 2f, 6, 9);
        var y = GradientCheck.RandomTensor(random, 2f, 6, 9);
        AwayFromKinks(p.Span, y.Span, [-0.3f, 0.3f]);
        int inside = 0;
        for (int i = 0; i < p.Length; i++)
        {
            inside += MathF.Abs(p.Span[i] - y.Span[i]) < 0.3f ? 1 : 0;
        }

        Assert.InRange(inside, 3, p.Length - 3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Quantile(bool weighted)
    {
        var random = new RandomSource(4);
        var loss = new QuantileLoss([0.1f, 0.5f, 0.9f, 0.97f]);
        var predictions = GradientCheck.RandomTensor(random, 1f, 5, 3, 4);
        var targets = GradientCheck.RandomTensor(random, 1f, 5, 3);
        for (int row = 0; row < targets.Length; row++)
        {
            AwayFromKinks(predictions.Span.Slice(row * 4, 4), targets.Span.Slice(row, 1), [0f], broadcastTarget: true);
        }

        var weights = weighted ? MaskWeights(random, 5, 3) : null;
        Check("predictions", predictions, () => loss.Compute(predictions, targets, weights), () => loss.Gradient);
    }

    [Theory]
    [InlineData(-100, 0f, false, 5)]
    [InlineData(-100, 0.1f, false, 5)]
    [InlineData(-100, 0f, true, 5)]
    [InlineData(-100, 0.1f, true, 37)]
    [InlineData(2, 0.25f, true, 11)]
    public void SoftmaxCrossEntropy(int ignoreIndex, float labelSmoothing, bool classWeights, int classes)
    {
        var random = new RandomSource(5 + classes);
        const int rows = 7;
        var logits = GradientCheck.RandomTensor(random, 2f, rows, classes);
        int[] labels = Enumerable.Range(0, rows).Select(_ => random.NextInt(classes)).ToArray();
        labels[1] = ignoreIndex;
        labels[4] = ignoreIndex;
        float[]? weights = classWeights ? Enumerable.Range(0, classes).Select(_ => random.NextUniform(0.1f, 2f)).ToArray() : null;
        var loss = new SoftmaxCrossEntropyLoss(ignoreIndex, labelSmoothing, weights);
        Check("logits", logits, () => loss.Compute(logits, labels), () => loss.Gradient);
    }

    [Theory]
    [InlineData(1f, false)]
    [InlineData(3f, false)]
    [InlineData(0.4f, true)]
    public void BinaryCrossEntropy(float positiveWeight, bool weighted)
    {
        var random = new RandomSource(6);
        var loss = new BinaryCrossEntropyLoss(positiveWeight);
        var logits = GradientCheck.RandomTensor(random, 3f, 5, 11);
        var targets = new Tensor(5, 11);
        for (int i = 0; i < targets.Length; i++)
        {
            targets.Span[i] = (i % 3) switch { 0 => 0f, 1 => 1f, _ => random.NextFloat() };
        }

        var weights = weighted ? MaskWeights(random, 5, 11) : null;
        Check("logits", logits, () => loss.Compute(logits, targets, weights), () => loss.Gradient);
    }

    private static void CheckRegression(RegressionLoss loss, int[] shape, bool weighted, int seed, float scale = 1f, float[]? kinks = null)
    {
        var random = new RandomSource(seed);
        var predictions = GradientCheck.RandomTensor(random, scale, shape);
        var targets = GradientCheck.RandomTensor(random, scale, shape);
        AwayFromKinks(predictions.Span, targets.Span, kinks ?? []);
        var weights = weighted ? MaskWeights(random, shape) : null;
        Check("predictions", predictions, () => loss.Compute(predictions, targets, weights), () => loss.Gradient);
    }

    /// <summary>Checks, at every element of <paramref name="value"/>, the gradient left by one call of <paramref name="compute"/>.</summary>
    private static void Check(string name, Tensor value, Func<float> compute, Func<Tensor> gradient)
    {
        compute();
        GradientCheck.Assert(
            () => compute(),
            [(name, value, gradient().Clone())],
            samplesPerTensor: 1000, epsilon: Epsilon, absoluteTolerance: AbsoluteTolerance, relativeTolerance: RelativeTolerance);
    }

    /// <summary>Weights of 0 (masked), 1 and 2.5, with at least one non-zero.</summary>
    private static Tensor MaskWeights(RandomSource random, params int[] shape)
    {
        var weights = new Tensor(shape);
        for (int i = 0; i < weights.Length; i++)
        {
            weights.Span[i] = random.NextInt(3) switch { 0 => 0f, 1 => 1f, _ => 2.5f };
        }

        weights.Span[0] = 1f;
        return weights;
    }

    /// <summary>Moves predictions so that p − y stays at least <see cref="KinkMargin"/> away from every kink of the loss.</summary>
    private static void AwayFromKinks(Span<float> predictions, ReadOnlySpan<float> targets, float[] kinks, bool broadcastTarget = false)
    {
        for (int i = 0; i < predictions.Length; i++)
        {
            float target = broadcastTarget ? targets[0] : targets[i];
            while (NearKink(predictions[i] - target, kinks))
            {
                predictions[i] += 2 * KinkMargin;
            }
        }
    }

    private static bool NearKink(float difference, float[] kinks) => kinks.Any(k => MathF.Abs(difference - k) < KinkMargin);
}
