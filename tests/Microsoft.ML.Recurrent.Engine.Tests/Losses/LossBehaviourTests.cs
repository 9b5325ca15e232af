using Microsoft.ML.Recurrent.Engine.Losses;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Tests.Losses;

/// <summary>Masking, edge values, large (multi-threaded) softmax batches against a double-precision reference, and buffer reuse.</summary>
public class LossBehaviourTests
{
    [Fact]
    public void ZeroWeightElementsAreIgnored()
    {
        var random = new RandomSource(11);
        var predictions = GradientCheck.RandomTensor(random, 1f, 4, 6);
        var targets = GradientCheck.RandomTensor(random, 1f, 4, 6);
        var weights = new Tensor(4, 6);
        weights.Span.Fill(1f);
        weights[2, 3] = 0f;
        weights[0, 0] = 0f;
        var loss = new MeanSquaredErrorLoss();
        float before = loss.Compute(predictions, targets, weights);
        predictions[2, 3] += 100f;
        targets[0, 0] = -1e30f;
        Assert.Equal(before, loss.Compute(predictions, targets, weights));
        Assert.Equal(0f, loss.Gradient[2, 3]);
        Assert.Equal(0f, loss.Gradient[0, 0]);

        double expected = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double d = predictions.Span[i] - targets.Span[i];
            expected += weights.Span[i] * d * d;
        }

        Assert.Equal(expected / 22, before, 1e-5);
    }

    [Fact]
    public void AbsoluteErrorGradientIsZeroAtEquality()
    {
        var loss = new MeanAbsoluteErrorLoss();
        float value = loss.Compute(Tensor.FromArray([1f, 2f, 3f], 3), Tensor.FromArray([1f, 1f, 4f], 3));
        Assert.Equal(2f / 3, value, 1e-6f);
        Assert.Equal([0f, 1f / 3, -1f / 3], loss.Gradient.Span.ToArray());
    }

    [Fact]
    public void HuberIsQuadraticInsideAndLinearOutsideDelta()
    {
        var loss = new HuberLoss(0.5f);
        float value = loss.Compute(Tensor.FromArray([0.2f, 3f, -2f], 3), Tensor.FromArray([0f, 0f, 0f], 3));
        double expected = (0.5 * 0.2 * 0.2 + 0.5 * (3 - 0.25) + 0.5 * (2 - 0.25)) / 3;
        Assert.Equal(expected, value, 1e-6);
        Assert.Equal([0.2f / 3, 0.5f / 3, -0.5f / 3], loss.Gradient.Span.ToArray());
    }

    [Fact]
    public void QuantileLossAveragesOverElementsAndQuantiles()
    {
        var loss = new QuantileLoss([0.1f, 0.9f]);
        Assert.Equal([0.1f, 0.9f], loss.Quantiles);
        // Target 1: predictions 0 (under by 1) and 2 (over by 1).
        float value = loss.Compute(Tensor.FromArray([0f, 2f], 1, 2), Tensor.FromArray([1f], 1));
        Assert.Equal((0.1 * 1 + 0.1 * 1) / 2, value, 1e-6);
        Assert.Equal([-0.1f / 2, (1 - 0.9f) / 2], loss.Gradient.Span.ToArray());
    }

    [Fact]
    public void BinaryCrossEntropyIsStableForSaturatedLogits()
    {
        var loss = new BinaryCrossEntropyLoss(positiveWeight: 2f);
        float value = loss.Compute(Tensor.FromArray([100f, -100f, 100f, -100f], 4), Tensor.FromArray([0f, 1f, 1f, 0f], 4));
        Assert.Equal((100 + 2 * 100) / 4.0, value, 1e-4);
        float[] expected = [0.25f, -0.5f, 0f, 0f];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], loss.Gradient.Span[i], 1e-7f);
        }
    }

    [Fact]
    public void CrossEntropyIgnoredRowsHaveZeroGradientButProbabilities()
    {
        var random = new RandomSource(12);
        var logits = GradientCheck.RandomTensor(random, 3f, 4, 9);
        var loss = new SoftmaxCrossEntropyLoss(labelSmoothing: 0.2f);
        loss.Compute(logits, [3, -100, 8, 0]);
        for (int c = 0; c < 9; c++)
        {
            Assert.Equal(0f, loss.Gradient[1, c]);
        }

        for (int row = 0; row < 4; row++)
        {
            Assert.Equal(1.0, LossMath.Sum(loss.Probabilities.Span.Slice(row * 9, 9)), 1e-6);
            Assert.Equal(0.0, LossMath.Sum(loss.Gradient.Span.Slice(row * 9, 9)), 1e-6); // softmax gradients sum to zero
        }
    }

    [Theory]
    [InlineData(1500, 97)]    // character-level LM: 145k logits, several parts
    [InlineData(48, 20000)]   // word vocabulary: one wide row per part
    [InlineData(3, 70)]       // single part
    public void CrossEntropyMatchesDoubleReferenceOnLargeBatches(int rows, int classes)
    {
        var random = new RandomSource(rows + classes);
        var logits = GradientCheck.RandomTensor(random, 4f, rows, classes);
        int[] labels = Enumerable.Range(0, rows).Select(r => r % 7 == 3 ? -100 : random.NextInt(classes)).ToArray();
        float[] classWeights = Enumerable.Range(0, classes).Select(_ => random.NextUniform(0.2f, 3f)).ToArray();
        const double smoothing = 0.1;
        var loss = new SoftmaxCrossEntropyLoss(labelSmoothing: (float)smoothing, classWeights: classWeights);
        float value = loss.Compute(logits, labels);

        // Straightforward double-precision evaluation of PyTorch's definition.
        var z = logits.Span;
        double normalizer = labels.Where(l => l >= 0).Sum(l => (double)classWeights[l]);
        double weightTotal = classWeights.Sum(w => (double)w);
        double total = 0;
        var expectedGradient = new double[rows * classes];
        var expectedProbabilities = new double[rows * classes];
        for (int r = 0; r < rows; r++)
        {
            var row = z.Slice(r * classes, classes);
            double max = double.NegativeInfinity;
            foreach (float v in row)
            {
                max = Math.Max(max, v);
            }

            double sum = 0;
            foreach (float v in row)
            {
                sum += Math.Exp(v - max);
            }

            double logSumExp = max + Math.Log(sum);
            for (int c = 0; c < classes; c++)
            {
                expectedProbabilities[r * classes + c] = Math.Exp(row[c] - logSumExp);
            }

            if (labels[r] < 0)
            {
                continue;
            }

            double mass = 0;
            for (int c = 0; c < classes; c++)
            {
                double target = smoothing / classes * classWeights[c] + (c == labels[r] ? (1 - smoothing) * classWeights[c] : 0);
                total += target * (logSumExp - row[c]);
                mass += target;
                expectedGradient[r * classes + c] = -target / normalizer;
            }

            for (int c = 0; c < classes; c++)
            {
                expectedGradient[r * classes + c] += mass * expectedProbabilities[r * classes + c] / normalizer;
            }
        }

        Assert.Equal(total / normalizer, value, 1e-5 * Math.Abs(total / normalizer));
        double scale = 1.0 / normalizer;
        for (int i = 0; i < expectedGradient.Length; i++)
        {
            Assert.True(Math.Abs(expectedGradient[i] - loss.Gradient.Span[i]) <= 1e-6 * scale, $"gradient[{i}]: expected {expectedGradient[i]}, got {loss.Gradient.Span[i]}.");
            Assert.True(Math.Abs(expectedProbabilities[i] - loss.Probabilities.Span[i]) <= 1e-6, $"probabilities[{i}]: expected {expectedProbabilities[i]}, got {loss.Probabilities.Span[i]}.");
        }
    }

    [Fact]
    public void CrossEntropyIsDeterministicAcrossCalls()
    {
        var random = new RandomSource(13);
        var logits = GradientCheck.RandomTensor(random, 2f, 2000, 65);
        int[] labels = Enumerable.Range(0, 2000).Select(_ => random.NextInt(65)).ToArray();
        var loss = new SoftmaxCrossEntropyLoss();
        float first = loss.Compute(logits, labels);
        float[] gradient = loss.Gradient.Span.ToArray();
        Assert.Equal(first, new SoftmaxCrossEntropyLoss().Compute(logits, labels));
        Assert.Equal(first, loss.Compute(logits, labels));
        Assert.Equal(gradient, loss.Gradient.Span.ToArray());
    }

    [Fact]
    public void SteadyStateCallsReuseBuffersAndAllocateNothing()
    {
        var random = new RandomSource(14);
        var predictions = GradientCheck.RandomTensor(random, 1f, 64, 3);
        var targets = GradientCheck.RandomTensor(random, 1f, 64, 3);
        var weights = new Tensor(64, 3);
        weights.Span.Fill(0.5f);
        var probabilities = new Tensor(64, 3);
        probabilities.Span.Fill(0.25f);
        var logits = GradientCheck.RandomTensor(random, 1f, 3000, 65);
        int[] labels = Enumerable.Range(0, 3000).Select(_ => random.NextInt(65)).ToArray();
        var regressionTargets = GradientCheck.RandomTensor(random, 1f, 64);

        var mse = new MeanSquaredErrorLoss();
        var huber = new HuberLoss(0.5f);
        var quantile = new QuantileLoss([0.1f, 0.5f, 0.9f]);
        var crossEntropy = new SoftmaxCrossEntropyLoss(labelSmoothing: 0.1f, classWeights: Enumerable.Repeat(1.5f, 65).ToArray());
        var bce = new BinaryCrossEntropyLoss(2f);
        void RunAll()
        {
            mse.Compute(predictions, targets, weights);
            huber.Compute(predictions, targets);
            quantile.Compute(predictions, regressionTargets);
            crossEntropy.Compute(logits, labels);
            bce.Compute(predictions, probabilities, weights);
        }

        RunAll();
        var gradients = new[] { mse.Gradient, huber.Gradient, quantile.Gradient, crossEntropy.Gradient, crossEntropy.Probabilities, bce.Gradient };
        long before = GC.GetAllocatedBytesForCurrentThread();
        RunAll();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Same(gradients[0], mse.Gradient);
        Assert.Same(gradients[1], huber.Gradient);
        Assert.Same(gradients[2], quantile.Gradient);
        Assert.Same(gradients[3], crossEntropy.Gradient);
        Assert.Same(gradients[4], crossEntropy.Probabilities);
        Assert.Same(gradients[5], bce.Gradient);
    }

    [Fact]
    public void GradientFollowsShapeChanges()
    {
        var loss = new MeanSquaredErrorLoss();
        Assert.Equal(0, loss.Gradient.Length);
        loss.Compute(new Tensor(2, 3), new Tensor(2, 3));
        Assert.Equal([2, 3], loss.Gradient.Shape.ToArray());
        loss.Compute(Tensor.FromArray([1f, 2f, 3f, 4f, 5f], 5), new Tensor(5));
        Assert.Equal([5], loss.Gradient.Shape.ToArray());
        Assert.Equal([0.4f, 0.8f, 1.2f, 1.6f, 2f], loss.Gradient.Span.ToArray());
    }

    [Fact]
    public void ReusedGradientsHoldNoStaleValues()
    {
        var random = new RandomSource(15);
        var logits = GradientCheck.RandomTensor(random, 1f, 3, 6);
        var crossEntropy = new SoftmaxCrossEntropyLoss();
        crossEntropy.Compute(logits, [1, 2, 3]);
        crossEntropy.Compute(logits, [1, -100, 3]);
        Assert.All(crossEntropy.Gradient.Span.Slice(6, 6).ToArray(), v => Assert.Equal(0f, v));

        var predictions = GradientCheck.RandomTensor(random, 1f, 3, 2);
        var targets = GradientCheck.RandomTensor(random, 1f, 3);
        var quantile = new QuantileLoss([0.2f, 0.8f]);
        quantile.Compute(predictions, targets);
        quantile.Compute(predictions, targets, Tensor.FromArray([1f, 0f, 1f], 3));
        Assert.Equal([0f, 0f], quantile.Gradient.Span.Slice(2, 2).ToArray());
    }
}
