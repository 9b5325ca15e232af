using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent.TextClassification.Tests;

public class CrossValidationTests
{
    /// <summary>benchmarks/peers/sklearn_text.py's assign_folds([0, 1] * 5 + [1] * 3, 3, seed=1).</summary>
    private static readonly int[] PythonFolds = [0, 1, 1, 2, 1, 2, 2, 0, 0, 1, 0, 2, 0];

    [Fact]
    public void FoldsAreStratifiedSeededAndDisjoint()
    {
        // 70 % class 0, 20 % class 1, 10 % class 2.
        int[] labels = Enumerable.Range(0, 1003).Select(i => i % 10 < 7 ? 0 : i % 10 < 9 ? 1 : 2).ToArray();
        var folds = CrossValidation.AssignFolds(labels, 10, seed: 3);
        Assert.Equal(folds, CrossValidation.AssignFolds(labels, 10, seed: 3));
        Assert.NotEqual(folds, CrossValidation.AssignFolds(labels, 10, seed: 4));
        for (int c = 0; c < 3; c++)
        {
            var perFold = Enumerable.Range(0, 10).Select(k => Enumerable.Range(0, labels.Length).Count(i => labels[i] == c && folds[i] == k)).ToArray();
            Assert.True(perFold.Max() - perFold.Min() <= 1, $"class {c}: {string.Join(", ", perFold)}");
        }

        var seen = new List<int>();
        var result = CrossValidation.Run(labels, 10, 3, fold =>
        {
            Assert.Empty(fold.Training.Intersect(fold.Test));
            Assert.Equal(labels.Length, fold.Training.Count + fold.Test.Count);
            Assert.All(fold.Test, i => Assert.Equal(fold.Index, folds[i]));
            seen.AddRange(fold.Test);
            return ClassificationMetrics.Compute(fold.Test.Select(i => labels[i]).ToArray(), fold.Test.Select(_ => new[] { 1f, 0f, 0f }).ToArray(), 3);
        });
        Assert.Equal(Enumerable.Range(0, labels.Length), seen.Order());
        Assert.Equal(10, result.Folds.Count);
        Assert.Equal(0.7, result.MeanAccuracy, 2);
        Assert.Equal([703, 0, 0], result.ConfusionMatrix[0]);
    }

    [Fact]
    public void FoldsMatchThePythonPort()
    {
        int[] labels = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1];
        Assert.Equal(PythonFolds, CrossValidation.AssignFolds(labels, 3, seed: 1));
    }

    [Fact]
    public void CrossValidatesAClassifier()
    {
        var (texts, labels) = SyntheticTexts.Sentiment(150, seed: 50);
        var options = SyntheticTexts.Quick();
        options.Epochs = 6;
        var result = CrossValidation.Run(texts, labels, 2, options, foldCount: 3);
        Assert.Equal(3, result.Folds.Count);
        Assert.Equal(150, result.ConfusionMatrix.Sum(row => row.Sum()));
        Assert.True(result.MeanAccuracy >= 0.85, $"mean accuracy {result.MeanAccuracy:P1}");
        Assert.NotNull(result.MeanAuc);
    }

    [Fact]
    public void TooFewExamplesForTheFoldsAreRejected()
    {
        Assert.Contains("fewer than the 5 folds", Assert.Throws<ArgumentException>(() => CrossValidation.AssignFolds([0, 1, 0], 5)).Message);
    }
}
