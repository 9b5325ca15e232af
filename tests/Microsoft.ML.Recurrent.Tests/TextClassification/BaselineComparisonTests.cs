using static Microsoft.ML.Recurrent.Tests.TextClassification.ReviewData;

namespace Microsoft.ML.Recurrent.Tests.TextClassification;

/// <summary>The one-call comparison of the recurrent classifier with ML.NET's FeaturizeText plus logistic regression.</summary>
public class BaselineComparisonTests
{
    [Fact]
    public void BinaryCrossValidationScoresBothModelsOnTheSameFolds()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Reviews(240, seed: 21));

        var comparison = ml.BinaryClassification.CrossValidateWithBaseline(data, SmallOptions(), numberOfFolds: 3);

        Assert.Equal(3, comparison.FoldCount);
        Assert.Equal("FeaturizeText + SdcaLogisticRegression", comparison.BaselineName);
        Assert.Equal(240, comparison.Recurrent.ConfusionMatrix.Sum(row => row.Sum()));
        Assert.Equal(240, comparison.Baseline.ConfusionMatrix.Sum(row => row.Sum()));
        for (int fold = 0; fold < 3; fold++)
        {
            Assert.Equal(comparison.Recurrent.Folds[fold].Count, comparison.Baseline.Folds[fold].Count);
        }

        Assert.True(comparison.Recurrent.MeanAccuracy >= 0.9, $"recurrent accuracy {comparison.Recurrent.MeanAccuracy}");
        Assert.True(comparison.Baseline.MeanAccuracy >= 0.8, $"baseline accuracy {comparison.Baseline.MeanAccuracy}");
        Assert.NotNull(comparison.Recurrent.MeanAuc);
        Assert.Equal(comparison.Recurrent.MeanAccuracy - comparison.Baseline.MeanAccuracy, comparison.AccuracyGain, 12);
        string report = comparison.ToString();
        Assert.Contains("mean of 3 folds", report);
        Assert.Contains("AUC", report);
        Assert.Contains("FeaturizeText + SdcaLogisticRegression, confusion matrix, summed over 3 folds", report);
    }

    [Fact]
    public void MulticlassComparisonOnAHeldOutSetNamesTheClasses()
    {
        var ml = new MLContext(seed: 1);
        var toKey = ml.Transforms.Conversion.MapValueToKey("Label", "Topic");
        var train = ml.Data.LoadFromEnumerable(Articles(240, seed: 22));
        var labels = toKey.Fit(train);
        var test = labels.Transform(ml.Data.LoadFromEnumerable(Articles(60, seed: 23)));

        var comparison = ml.MulticlassClassification.CompareWithBaseline(labels.Transform(train), test, SmallOptions());

        Assert.Equal(1, comparison.FoldCount);
        Assert.Equal("FeaturizeText + LbfgsMaximumEntropy", comparison.BaselineName);
        Assert.Equal(["cooking", "politics", "sport"], comparison.ClassNames.Order().ToArray());
        Assert.Null(comparison.Recurrent.MeanAuc);
        Assert.True(comparison.Recurrent.MeanAccuracy >= 0.9, $"recurrent accuracy {comparison.Recurrent.MeanAccuracy}");
        Assert.Contains("held-out test set", comparison.ToString());
    }

    [Fact]
    public void ComparisonNeedsRawTextForTheBaseline()
    {
        var ml = new MLContext(seed: 1);
        var tokens = ml.Transforms.Text.TokenizeIntoWords("Tokens", "Text").Append(ml.Transforms.Conversion.MapValueToKey("Tokens"));
        var raw = ml.Data.LoadFromEnumerable(Reviews(20, seed: 24));
        var data = tokens.Fit(raw).Transform(raw);
        var options = SmallOptions();
        options.TextColumnName = "Tokens";
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.CompareWithBaseline(data, data, options));
        Assert.Contains("Column 'Tokens' (text, which the FeaturizeText baseline reads)", error.Message);
    }

    [Fact]
    public void CrossValidationNeedsTwoFolds()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Reviews(20, seed: 25));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.CrossValidateWithBaseline(data, SmallOptions(), numberOfFolds: 1));
        Assert.Equal("numberOfFolds", error.ParamName);
    }
}
