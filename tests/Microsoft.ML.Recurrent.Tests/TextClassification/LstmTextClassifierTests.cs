using Microsoft.ML.Data;
using Microsoft.ML.Recurrent.Tests.Conformance;
using Microsoft.ML.Recurrent.TextClassification;
using static Microsoft.ML.Recurrent.Tests.TextClassification.ReviewData;

namespace Microsoft.ML.Recurrent.Tests.TextClassification;

/// <summary>The recurrent text classifier trainers in ML.NET pipelines: conformance, evaluation, inputs and errors.</summary>
public class LstmTextClassifierTests
{
    private sealed class BinaryOutput
    {
        public float Score { get; set; }

        public float Probability { get; set; }

        public bool PredictedLabel { get; set; }
    }

    private sealed class TopicOutput
    {
        public string PredictedTopic { get; set; } = string.Empty;
    }

    private sealed class WrongLabel
    {
        public string Text { get; set; } = string.Empty;

        public float Label { get; set; }
    }

    private sealed class WrongText
    {
        public float Text { get; set; }

        public bool Label { get; set; }
    }

    [Fact]
    public void BinaryTrainerOnRawTextPassesTheWorkoutAndEvaluatesWithMlNet()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(Reviews(300, seed: 1));
        var test = ml.Data.LoadFromEnumerable(Reviews(100, seed: 2));
        var trainer = ml.BinaryClassification.Trainers.LstmTextClassifier(SmallOptions());
        var invalid = ml.Data.LoadFromEnumerable(new[] { new WrongText { Text = 1f, Label = true } });

        var model = EstimatorConformance.Check(ml, trainer, train, invalid, "Text", PredictBinary);

        var metrics = ml.BinaryClassification.Evaluate(model.Transform(test));
        Assert.True(metrics.Accuracy >= 0.95, $"accuracy {metrics.Accuracy}");
        Assert.True(metrics.AreaUnderRocCurve >= 0.98, $"AUC {metrics.AreaUnderRocCurve}");
        var outputs = ml.Data.CreateEnumerable<BinaryOutput>(model.Transform(test), reuseRowObject: false).ToList();
        Assert.All(outputs, o =>
        {
            Assert.Equal(1f / (1f + MathF.Exp(-o.Score)), o.Probability, 1e-5f);
            Assert.Equal(o.Score > 0f, o.PredictedLabel);
        });
    }

    [Fact]
    public void MulticlassTrainerOnMlNetKeyTokensPassesTheWorkoutAndKeepsClassNames()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(Articles(240, seed: 3));
        var test = ml.Data.LoadFromEnumerable(Articles(90, seed: 4));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Topic")
            .Append(ml.Transforms.Text.TokenizeIntoWords("Tokens", "Text"))
            .Append(ml.Transforms.Conversion.MapValueToKey("Tokens"))
            .Append(ml.MulticlassClassification.Trainers.LstmTextClassifier(WithColumns(SmallOptions(), text: "Tokens")))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedTopic", "PredictedLabel"));

        var model = EstimatorConformance.Check(ml, pipeline, train, invalidInput: null, invalidColumn: null);

        var scored = model.Transform(test);
        var metrics = ml.MulticlassClassification.Evaluate(scored);
        Assert.True(metrics.MicroAccuracy >= 0.95, $"accuracy {metrics.MicroAccuracy}");
        VBuffer<ReadOnlyMemory<char>> slots = default;
        scored.Schema["Score"].GetSlotNames(ref slots);
        VBuffer<ReadOnlyMemory<char>> labelNames = default;
        scored.Schema["Label"].GetKeyValues(ref labelNames);
        Assert.Equal(["cooking", "politics", "sport"], labelNames.DenseValues().Select(s => s.ToString()).Order().ToArray());
        Assert.Equal(labelNames.DenseValues().Select(s => s.ToString()), slots.DenseValues().Select(s => s.ToString()));
        var truth = Articles(90, seed: 4);
        var predicted = ml.Data.CreateEnumerable<TopicOutput>(scored, reuseRowObject: false).Select(p => p.PredictedTopic).ToList();
        Assert.True(predicted.Where((topic, i) => topic == truth[i].Topic).Count() >= 85);
    }

    [Fact]
    public void ExtraFeaturesFromFeaturizeTextJoinTheModel()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(Reviews(200, seed: 5));
        var pipeline = ml.Transforms.Text.FeaturizeText("Bag", "Text")
            .Append(ml.BinaryClassification.Trainers.LstmTextClassifier(WithColumns(SmallOptions(), extra: "Bag")));
        var model = pipeline.Fit(train);
        var classifier = model.LastTransformer;
        Assert.Equal(((VectorDataViewType)model.Transform(train).Schema["Bag"].Type).Size, classifier.Model.ExtraFeatureCount);
        Assert.True(ml.BinaryClassification.Evaluate(model.Transform(ml.Data.LoadFromEnumerable(Reviews(100, seed: 6)))).Accuracy >= 0.95);

        var narrow = ml.Data.LoadFromEnumerable(Reviews(5, seed: 7));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => classifier.Transform(ml.Transforms.Text.FeaturizeText("Bag", "Text").Fit(narrow).Transform(narrow)));
        Assert.Contains("Column 'Bag' (extra features)", error.Message);
        Assert.Contains($"a vector of {classifier.Model.ExtraFeatureCount} Single values", error.Message);
    }

    [Fact]
    public void AttentionColumnHoldsTheModelsWeightForEveryToken()
    {
        var ml = new MLContext(seed: 1);
        var options = SmallOptions();
        options.Pooling = PoolingMode.Attention;
        options.AttentionWeightsColumnName = "Attention";
        var model = ml.BinaryClassification.Trainers.LstmTextClassifier(options).Fit(ml.Data.LoadFromEnumerable(Reviews(300, seed: 8)));
        var review = new Review { Text = "the plot was superb and the actors" };
        var engine = ml.Model.CreatePredictionEngine<Review, AttentionOutput>(model);
        var weights = engine.Predict(review).Attention;
        var explained = model.Model.Predict(review.Text);
        Assert.Equal(explained.Tokens.Count, weights.Length);
        Assert.Equal(1f, weights.Sum(), 1e-4f);
        Assert.Equal(explained.AttentionWeights, weights);
        Assert.All(weights, w => Assert.True(w > 0f));
    }

    [Fact]
    public void AttentionColumnNeedsAttentionPooling()
    {
        var ml = new MLContext(seed: 1);
        var options = SmallOptions();
        options.AttentionWeightsColumnName = "Attention";
        var error = Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.LstmTextClassifier(options));
        Assert.Contains("Pooling = Attention", error.Message);
    }

    [Fact]
    public void EmptyTrainingTextIsRejectedNamingTheRowAndColumn()
    {
        var ml = new MLContext(seed: 1);
        var reviews = Reviews(20, seed: 9);
        reviews[7].Text = "  ";
        var error = Assert.ThrowsAny<ArgumentException>(() => ml.BinaryClassification.Trainers.LstmTextClassifier(SmallOptions()).Fit(ml.Data.LoadFromEnumerable(reviews)));
        Assert.Contains("7", error.Message);
        Assert.Contains("text column 'Text'", error.Message);
    }

    [Fact]
    public void EmptyTextAtPredictionNamesTheRow()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.BinaryClassification.Trainers.LstmTextClassifier(SmallOptions()).Fit(ml.Data.LoadFromEnumerable(Reviews(50, seed: 10)));
        var rows = Reviews(3, seed: 11);
        rows[2].Text = string.Empty;
        var error = Assert.Throws<InvalidOperationException>(() => EstimatorConformance.ReadAll(model.Transform(ml.Data.LoadFromEnumerable(rows))));
        Assert.Contains("Row 2", error.Message);
        Assert.Contains("'Text'", error.Message);
    }

    [Fact]
    public void BinaryTrainerNeedsABooleanLabel()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new WrongLabel { Text = "fine", Label = 1f } });
        var trainer = ml.BinaryClassification.Trainers.LstmTextClassifier();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(data));
        Assert.Contains("Column 'Label' (label, Boolean for binary classification) has type Single, but Boolean was expected", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.GetOutputSchema(EstimatorConformance.ShapeOf(data.Schema)));
    }

    [Fact]
    public void MulticlassTrainerNeedsAKeyLabel()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Articles(10, seed: 12));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.Trainers.LstmTextClassifier(labelColumnName: "Topic").Fit(data));
        Assert.Contains("Column 'Topic' (label, a key for multiclass classification) has type String", error.Message);
    }

    [Fact]
    public void KeyTokenModelRejectsAnotherKeyMapping()
    {
        var ml = new MLContext(seed: 1);
        var tokens = ml.Transforms.Text.TokenizeIntoWords("Tokens", "Text").Append(ml.Transforms.Conversion.MapValueToKey("Tokens"));
        var train = ml.Data.LoadFromEnumerable(Reviews(60, seed: 13));
        var featurized = tokens.Fit(train).Transform(train);
        var model = ml.BinaryClassification.Trainers.LstmTextClassifier(WithColumns(SmallOptions(), text: "Tokens")).Fit(featurized);
        var other = ml.Data.LoadFromEnumerable(Reviews(5, seed: 14));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Transform(tokens.Fit(other).Transform(other)));
        Assert.Contains("Column 'Tokens' (text)", error.Message);
        Assert.Contains("trained on a vector of keys", error.Message);
    }

    [Fact]
    public void MulticlassTrainerPassesTheWorkoutWithInvalidInput()
    {
        var ml = new MLContext(seed: 1);
        var labels = ml.Transforms.Conversion.MapValueToKey("Label", "Topic").Fit(ml.Data.LoadFromEnumerable(Articles(120, seed: 5)));
        var train = labels.Transform(ml.Data.LoadFromEnumerable(Articles(120, seed: 5)));
        var invalid = labels.Transform(ml.Data.LoadFromEnumerable(new[] { new NumericArticle { Text = 1f, Topic = "sport" } }));
        var options = SmallOptions();
        options.Epochs = 2;

        EstimatorConformance.Check(ml, ml.MulticlassClassification.Trainers.LstmTextClassifier(options), train, invalid, "Text");
    }

    private sealed class NumericArticle
    {
        public float Text { get; set; }

        public string Topic { get; set; } = string.Empty;
    }

    private sealed class AttentionOutput
    {
        public float[] Attention { get; set; } = [];
    }

    private static LstmTextClassifierOptions WithColumns(LstmTextClassifierOptions options, string? text = null, string? extra = null)
    {
        options.TextColumnName = text ?? options.TextColumnName;
        options.ExtraFeaturesColumnName = extra;
        return options;
    }

    private static IReadOnlyList<object[]> PredictBinary(ITransformer model, IDataView data)
    {
        var ml = new MLContext();
        var engine = ml.Model.CreatePredictionEngine<Review, BinaryOutput>(model);
        return ml.Data.CreateEnumerable<Review>(data, reuseRowObject: false)
            .Select(engine.Predict)
            .Select(p => new object[] { p.Score, p.Probability, p.PredictedLabel })
            .ToList();
    }
}
