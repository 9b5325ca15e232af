using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent.TextClassification.Tests;

public class InputValidationTests
{
    private static readonly (string[] Texts, int[] Labels) Data = SyntheticTexts.Sentiment(40, seed: 30);

    private static TextClassifierOptions OneEpoch()
    {
        var options = SyntheticTexts.Quick();
        options.Epochs = 1;
        return options;
    }

    private static void AssertArgument(Action action, string parameter, params string[] fragments)
    {
        var error = Assert.ThrowsAny<ArgumentException>(action);
        Assert.Equal(parameter, error.ParamName);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, error.Message);
        }
    }

    [Fact]
    public void EmptyTextsAreNamedByRow()
    {
        var texts = Data.Texts.ToArray();
        texts[7] = "   ";
        AssertArgument(() => TextClassifier.Fit(texts, Data.Labels, 2, OneEpoch()), "texts", "row 7", "no tokens");

        var model = TrainedModels.Attention;
        AssertArgument(() => model.Predict(""), "text", "no tokens");
        AssertArgument(() => model.PredictMany(["good", "fine", " \t "]), "texts", "row 2", "no tokens");
        AssertArgument(() => model.PredictMany(["good", null!]), "texts", "row 1", "null");
    }

    [Fact]
    public void LabelsOutOfRangeAreNamedByRow()
    {
        var labels = Data.Labels.ToArray();
        labels[5] = 2;
        AssertArgument(() => TextClassifier.Fit(Data.Texts, labels, 2, OneEpoch()), "labels", "value 2 at row 5", "[0, 2)");
        labels[5] = -1;
        AssertArgument(() => TextClassifier.Fit(Data.Texts, labels, 2, OneEpoch()), "labels", "value -1 at row 5");
        AssertArgument(() => TextClassifier.Fit(Data.Texts, Data.Labels[..10], 2, OneEpoch()), "labels", "10 entries", "40 inputs");
        AssertArgument(() => TextClassifier.Fit(Data.Texts, Data.Labels, 1, OneEpoch()), "classCount", "at least 2");
        AssertArgument(() => TextClassifier.Fit([], [], 2, OneEpoch()), "labels", "no training inputs");
    }

    [Fact]
    public void ExtraFeaturesOfTheWrongWidthOrNotFiniteAreNamedByRow()
    {
        float[][] Features(int count, int width) => Enumerable.Range(0, count).Select(i => Enumerable.Repeat(0.5f, width).ToArray()).ToArray();
        var wrongWidth = Features(40, 3);
        wrongWidth[9] = [1f, 2f];
        AssertArgument(() => TextClassifier.Fit(Data.Texts, Data.Labels, 2, OneEpoch(), wrongWidth), "extraFeatures", "2 values at row 9", "3 were expected");
        var notFinite = Features(40, 3);
        notFinite[4][1] = float.NaN;
        AssertArgument(() => TextClassifier.Fit(Data.Texts, Data.Labels, 2, OneEpoch(), notFinite), "extraFeatures", "NaN at row 4, index 1", "finite");
        AssertArgument(() => TextClassifier.Fit(Data.Texts, Data.Labels, 2, OneEpoch(), Features(39, 3)), "extraFeatures", "39 rows", "40 inputs");

        var model = TextClassifier.Fit(Data.Texts, Data.Labels, 2, OneEpoch(), Features(40, 3));
        AssertArgument(() => model.Predict("good", [1f, 2f, 3f, 4f]), "extraFeatures", "4 values", "3 were expected");
        AssertArgument(() => model.Predict("good", [1f, float.PositiveInfinity, 3f]), "extraFeatures", "index 1", "finite");
        AssertArgument(() => model.Predict("good"), "extraFeatures", "trained with 3 extra features");
        AssertArgument(() => model.PredictMany(["good", "bad"], [[1f, 2f, 3f], [1f, 2f]]), "extraFeatures", "row 1");
        AssertArgument(() => TrainedModels.Attention.Predict("good", [1f]), "extraFeatures", "without extra features");
    }

    [Fact]
    public void TokenIdsOutOfRangeAreNamedByRowAndPosition()
    {
        int[][] ids = [[0, 1, 2], [3, 9, 4], [1]];
        int[] labels = [0, 1, 0];
        AssertArgument(() => TextClassifier.Fit(ids, 9, labels, 2, OneEpoch()), "tokenIds", "id 9 at row 1, position 1", "[0, 9)");
        ids[1][1] = -2;
        AssertArgument(() => TextClassifier.Fit(ids, 9, labels, 2, OneEpoch()), "tokenIds", "id -2 at row 1, position 1");
        AssertArgument(() => TextClassifier.Fit([[0], []], 9, [0, 1], 2, OneEpoch()), "tokenIds", "row 1", "no tokens");
        AssertArgument(() => TextClassifier.Fit([[0], [1]], 9, [0, 1], 2, OneEpoch(), tokenNames: ["a", "b"]), "tokenNames", "2 names", "vocabulary size is 9");

        var (model, _) = TrainedModels.TokenIdModelAndIds;
        int size = TrainedModels.Names.Length;
        AssertArgument(() => model.Predict([0, size]), "tokenIds", $"id {size} at position 1", $"[0, {size})");
        AssertArgument(() => model.Predict(ReadOnlySpan<int>.Empty), "tokenIds", "no tokens");
        AssertArgument(() => model.PredictMany([[0], [1, 2, -5]]), "tokenIds", "row 1", "position 2");
        Assert.Throws<InvalidOperationException>(() => model.Predict("good"));
        Assert.Throws<InvalidOperationException>(() => TrainedModels.Attention.Predict([0, 1]));
    }

    [Theory]
    [InlineData(nameof(TextClassifierOptions.HiddenSize), 0)]
    [InlineData(nameof(TextClassifierOptions.Dropout), 1f)]
    [InlineData(nameof(TextClassifierOptions.LearningRate), float.NaN)]
    [InlineData(nameof(TextClassifierOptions.ValidationFraction), -0.1f)]
    [InlineData(nameof(TextClassifierOptions.MaxVocabularySize), 4)]
    public void InvalidOptionsAreNamed(string option, object value)
    {
        var options = new TextClassifierOptions();
        typeof(TextClassifierOptions).GetProperty(option)!.SetValue(options, value);
        AssertArgument(() => TextClassifier.Fit(Data.Texts, Data.Labels, 2, options), option, $"TextClassifierOptions.{option}");
    }

    [Fact]
    public void ClassWeightsNeedOnePerClassAndNotWithBalancing()
    {
        var options = OneEpoch();
        options.ClassWeights = [1f, 2f, 3f];
        AssertArgument(() => TextClassifier.Fit(Data.Texts, Data.Labels, 2, options), "options", "3 weights", "2 classes");
        options.BalanceClasses = true;
        AssertArgument(() => TextClassifier.Fit(Data.Texts, Data.Labels, 2, options), "ClassWeights", "BalanceClasses");
        options.BalanceClasses = false;
        options.ClassWeights = [1f, -1f];
        AssertArgument(() => TextClassifier.Fit(Data.Texts, Data.Labels, 2, options), "ClassWeights", "index 1");
    }
}
