using Microsoft.ML.Recurrent.Engine.Training;
using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent.TextClassification.Tests;

/// <summary>Bad input tried as a new user would: each gives a clear error naming the option or parameter.</summary>
public class BadInputTests
{
    private static readonly (string[] Texts, int[] Labels) Data = SyntheticTexts.Sentiment(40, seed: 31);

    [Fact]
    public void FarTooHighLearningRateStopsTrainingNamingIt()
    {
        var options = SyntheticTexts.Quick();
        options.LearningRate = 1e6f;
        var error = Assert.Throws<TrainingDivergedException>(() => TextClassifier.Fit(Data.Texts, Data.Labels, 2, options));
        Assert.Contains("LearningRate = 1000000", error.Message);
    }

    [Theory]
    [InlineData("MaxVocabularySize")]
    [InlineData("MaxLength")]
    [InlineData("EmbeddingDimension")]
    [InlineData("HiddenSize")]
    [InlineData("NumLayers")]
    [InlineData("AttentionSize")]
    [InlineData("BatchSize")]
    public void AbsurdSizesAreRejectedUpFrontNamingTheOption(string option)
    {
        var options = SyntheticTexts.Quick();
        typeof(TextClassifierOptions).GetProperty(option)!.SetValue(options, int.MaxValue);
        AssertOption(option, $"TextClassifierOptions.{option}", () => TextClassifier.Fit(Data.Texts, Data.Labels, 2, options));
    }

    [Fact]
    public void AbsurdClassAndVocabularyCountsAreRejectedNamingTheParameter()
    {
        AssertOption("classCount", "'classCount'", () => TextClassifier.Fit(Data.Texts, Data.Labels, int.MaxValue, SyntheticTexts.Quick()));
        var ids = Data.Texts.Select(_ => new[] { 0, 1 }).ToArray();
        AssertOption("vocabularySize", "'vocabularySize'", () => TextClassifier.Fit(ids, int.MaxValue, Data.Labels, 2, SyntheticTexts.Quick()));
    }

    [Theory]
    [InlineData("Tokenization")]
    [InlineData("Cell")]
    [InlineData("Pooling")]
    public void UndefinedEnumValuesAreRejectedNamingTheOption(string option)
    {
        var options = SyntheticTexts.Quick();
        var property = typeof(TextClassifierOptions).GetProperty(option)!;
        property.SetValue(options, Enum.ToObject(property.PropertyType, 42));
        AssertOption(option, $"TextClassifierOptions.{option}", () => TextClassifier.Fit(Data.Texts, Data.Labels, 2, options));
    }

    private static void AssertOption(string parameter, string named, Action action)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(action);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void DataWithASingleClassIsRejectedNamingTheClass()
    {
        var ones = Data.Labels.Select(_ => 1).ToArray();
        var error = Assert.Throws<ArgumentException>(() => TextClassifier.Fit(Data.Texts, ones, 2, SyntheticTexts.Quick()));
        Assert.Equal("labels", error.ParamName);
        Assert.Contains("only class 1", error.Message);

        var ids = Data.Texts.Select(_ => new[] { 0, 1 }).ToArray();
        error = Assert.Throws<ArgumentException>(() => TextClassifier.Fit(ids, 2, ones, 3, SyntheticTexts.Quick()));
        Assert.Equal("labels", error.ParamName);
    }
}
