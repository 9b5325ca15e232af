using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent.TextClassification.Tests;

public class PredictionTests
{
    [Fact]
    public void PredictAgreesWithPredictManyUpToRounding()
    {
        var model = TrainedModels.Attention;
        var (texts, _) = SyntheticTexts.Sentiment(150, seed: 20);
        var batched = model.PredictMany(texts);
        for (int i = 0; i < texts.Length; i++)
        {
            var single = model.Predict(texts[i]);
            Assert.Equal(single.Tokens, batched[i].Tokens);
            Assert.Equal(single.PredictedClass, batched[i].PredictedClass);
            for (int c = 0; c < 2; c++)
            {
                Assert.Equal(single.Probabilities[c], batched[i].Probabilities[c], 1e-5f);
            }

            for (int t = 0; t < single.Tokens.Count; t++)
            {
                Assert.Equal(single.AttentionWeights![t], batched[i].AttentionWeights![t], 1e-5f);
            }
        }
    }

    [Fact]
    public void ProbabilitiesSumToOne()
    {
        foreach (var prediction in TrainedModels.Attention.PredictMany(SyntheticTexts.Neutral(50, seed: 21)))
        {
            Assert.Equal(1f, prediction.Probabilities.Sum(), 1e-5f);
            Assert.Equal(prediction.Probabilities[1] > prediction.Probabilities[0] ? 1 : 0, prediction.PredictedClass);
        }
    }

    [Fact]
    public void AttentionWeightsAlignWithTheTokensAndSumToOne()
    {
        var prediction = TrainedModels.Attention.Predict("The plot was AWFUL , really !");
        Assert.Equal(["the", "plot", "was", "awful", ",", "really", "!"], prediction.Tokens);
        Assert.Equal(prediction.Tokens.Count, prediction.AttentionWeights!.Count);
        Assert.Equal(1f, prediction.AttentionWeights.Sum(), 1e-5f);
        Assert.All(prediction.AttentionWeights, w => Assert.InRange(w, 0f, 1f));
        Assert.Equal(0, prediction.PredictedClass);
        var ranked = prediction.MostAttended(7);
        Assert.Equal(prediction.AttentionWeights.Max(), ranked[0].Weight);
        Assert.Equal(prediction.Tokens[prediction.AttentionWeights.ToList().IndexOf(ranked[0].Weight)], ranked[0].Token);
    }

    [Fact]
    public void SentimentWordsDrawMoreAttentionThanFillers()
    {
        // The bidirectional encoder carries the sentiment word's information to its neighbours, so attention may peak
        // just after it; on average the sentiment word itself still weighs several times a filler word.
        var (texts, _) = SyntheticTexts.Sentiment(100, seed: 22);
        var polar = SyntheticTexts.Positive.Concat(SyntheticTexts.Negative).ToHashSet();
        var weights = TrainedModels.Attention.PredictMany(texts)
            .SelectMany(p => p.Tokens.Zip(p.AttentionWeights!, (token, weight) => (Polar: polar.Contains(token), Weight: weight)))
            .ToLookup(w => w.Polar, w => w.Weight);
        double polarMean = weights[true].Average(), fillerMean = weights[false].Average();
        Assert.True(polarMean > 2.5 * fillerMean, $"mean attention: sentiment words {polarMean:F3}, fillers {fillerMean:F3}");
    }

    [Fact]
    public void PoolingOtherThanAttentionGivesNoWeights()
    {
        var (model, ids) = TrainedModels.TokenIdModelAndIds;
        var prediction = model.Predict(ids[0]);
        Assert.Null(prediction.AttentionWeights);
        Assert.Empty(prediction.MostAttended());
    }

    [Fact]
    public void TokenIdModelNamesTokensAndReadsUnknownIds()
    {
        var (model, ids) = TrainedModels.TokenIdModelAndIds;
        Assert.True(model.ReadsTokenIds);
        var (testTexts, testLabels) = SyntheticTexts.Sentiment(200, seed: 23);
        Assert.True(model.Evaluate(testTexts.Select(TrainedModels.IdsOf).ToArray(), testLabels).Accuracy >= 0.95);

        int unseen = Array.IndexOf(TrainedModels.Names, "unseen");
        int great = Array.IndexOf(TrainedModels.Names, "great");
        int[] sequence = [TextClassifier.UnknownTokenId, great, unseen];
        var prediction = model.Predict(sequence);
        Assert.Equal(["<unk>", "great", "unseen"], prediction.Tokens);
        Assert.Equal(1, prediction.PredictedClass);

        // An id never seen in training and the unknown id both read the unknown row: the same prediction.
        Assert.Equal(model.Predict([TextClassifier.UnknownTokenId, great]).Probabilities, model.Predict([unseen, great]).Probabilities);
        Assert.Equal(model.Predict(sequence).Probabilities[1], model.PredictMany([sequence])[0].Probabilities[1], 1e-5f);
    }

    [Fact]
    public void LongTextsAreTruncatedToMaxLength()
    {
        var (texts, labels) = SyntheticTexts.Sentiment(200, seed: 24);
        var options = SyntheticTexts.Quick();
        options.MaxLength = 3;
        options.Epochs = 1;
        var model = TextClassifier.Fit(texts, labels, 2, options);
        Assert.Equal(["one", "two", "three"], model.Predict("one two three four five").Tokens);
        Assert.Equal(
            model.Predict("one two three").Probabilities,
            model.Predict("one two three four five").Probabilities);
    }

    [Fact]
    public void PredictionsAreThreadSafe()
    {
        var model = TrainedModels.Attention;
        var texts = SyntheticTexts.Neutral(64, seed: 25);
        var expected = texts.Select(t => model.Predict(t).Probabilities[1]).ToArray();
        var actual = new float[texts.Length];
        Parallel.For(0, texts.Length * 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k => actual[k % texts.Length] = model.Predict(texts[k % texts.Length]).Probabilities[1]);
        Assert.Equal(expected, actual);
    }
}
