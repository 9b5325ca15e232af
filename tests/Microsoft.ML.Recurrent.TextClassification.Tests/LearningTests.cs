using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent.TextClassification.Tests;

public class LearningTests
{
    [Theory]
    [InlineData(PoolingMode.Last, RecurrentCellType.Lstm)]
    [InlineData(PoolingMode.Max, RecurrentCellType.Gru)]
    [InlineData(PoolingMode.Mean, RecurrentCellType.Lstm)]
    public void LearnsWhichWordCarriesTheClass(PoolingMode pooling, RecurrentCellType cell)
    {
        var (texts, labels) = SyntheticTexts.Sentiment(400, seed: 3);
        var options = SyntheticTexts.Quick(pooling);
        options.Cell = cell;
        var model = TextClassifier.Fit(texts, labels, 2, options);

        var (testTexts, testLabels) = SyntheticTexts.Sentiment(200, seed: 4);
        var metrics = model.Evaluate(testTexts, testLabels);
        Assert.True(metrics.Accuracy >= 0.95, $"accuracy {metrics.Accuracy:P1}");
        Assert.True(metrics.Auc >= 0.98, $"AUC {metrics.Auc:F3}");
    }

    [Fact]
    public void AttentionModelLearns()
    {
        var (testTexts, testLabels) = SyntheticTexts.Sentiment(200, seed: 4);
        Assert.True(TrainedModels.Attention.Evaluate(testTexts, testLabels).Accuracy >= 0.95);
    }

    [Fact]
    public void LearnsSixClassesOfQuestionsStackedAndWithEarlyStopping()
    {
        string[] heads = ["who", "where", "when", "what", "how many", "why"];
        var random = new Engine.Tensors.RandomSource(5);
        string Question(int c) => heads[c] + " " + string.Join(' ', Enumerable.Range(0, 3 + random.NextInt(4)).Select(_ => SyntheticTexts.Fillers[random.NextInt(SyntheticTexts.Fillers.Length)])) + " ?";
        int[] labels = Enumerable.Range(0, 600).Select(i => i % 6).ToArray();
        var texts = labels.Select(Question).ToArray();
        var options = SyntheticTexts.Quick();
        options.NumLayers = 2;
        options.ValidationFraction = 0.2f;
        options.EarlyStoppingPatience = 2;
        var epochs = new List<int>();
        options.Progress = p => epochs.Add(p.Epoch);
        var model = TextClassifier.Fit(texts, labels, 6, options);

        int[] testLabels = Enumerable.Range(0, 120).Select(i => i % 6).ToArray();
        Assert.True(model.Evaluate(testLabels.Select(Question).ToArray(), testLabels).Accuracy >= 0.95);
        Assert.Equal(Enumerable.Range(1, epochs.Count), epochs);
    }

    [Fact]
    public void WidePartLearnsFromExtraFeaturesAlone()
    {
        // The texts carry no signal; the label is in the second extra feature only.
        var texts = SyntheticTexts.Neutral(300, seed: 6);
        int[] labels = Enumerable.Range(0, 300).Select(i => i % 2).ToArray();
        float[][] Features(IEnumerable<int> classes) => classes.Select(c => new float[] { 1f, c == 1 ? 1f : 0f, 0f }).ToArray();
        var model = TextClassifier.Fit(texts, labels, 2, SyntheticTexts.Quick(), Features(labels));

        Assert.Equal(3, model.ExtraFeatureCount);
        var testTexts = SyntheticTexts.Neutral(100, seed: 7);
        int[] testLabels = Enumerable.Range(0, 100).Select(i => (i / 3) % 2).ToArray();
        Assert.Equal(1.0, model.Evaluate(testTexts, testLabels, Features(testLabels)).Accuracy);
    }

    [Fact]
    public void ClassWeightsShiftAmbiguousDecisionsTowardsTheHeavierClass()
    {
        // Filler-only sentences labelled at random: the best unweighted answer is about 50:50.
        var texts = SyntheticTexts.Neutral(300, seed: 8);
        var random = new Engine.Tensors.RandomSource(9);
        int[] labels = texts.Select(_ => random.NextInt(2)).ToArray();
        var probe = SyntheticTexts.Neutral(100, seed: 10);

        double MeanSecondClass(TextClassifierOptions options) =>
            TextClassifier.Fit(texts, labels, 2, options).PredictMany(probe).Average(p => p.Probabilities[1]);

        double equal = MeanSecondClass(SyntheticTexts.Quick());
        var weighted = SyntheticTexts.Quick();
        weighted.ClassWeights = [1f, 4f];
        double heavier = MeanSecondClass(weighted);
        Assert.True(heavier > equal + 0.15, $"P(class 1): {equal:F3} with equal weights, {heavier:F3} with class 1 weighted 4×");
    }

    [Fact]
    public void BalancedClassesLiftTheRareClassRecall()
    {
        // 10 % positives, each with a weak cue ("fine" among fillers) that also appears in a third of the negatives.
        var random = new Engine.Tensors.RandomSource(11);
        var texts = new List<string>();
        var labels = new List<int>();
        for (int i = 0; i < 500; i++)
        {
            int label = i % 10 == 0 ? 1 : 0;
            bool cue = label == 1 || random.NextInt(3) == 0;
            var words = SyntheticTexts.Neutral(1, seed: 100 + i)[0].Split(' ').ToList();
            if (cue)
            {
                words.Insert(random.NextInt(words.Count), "fine");
            }

            texts.Add(string.Join(' ', words));
            labels.Add(label);
        }

        double RecallOfRareClass(bool balance)
        {
            var options = SyntheticTexts.Quick();
            options.BalanceClasses = balance;
            return TextClassifier.Fit(texts, labels, 2, options).Evaluate(texts, labels).Recall[1];
        }

        double plain = RecallOfRareClass(false), balanced = RecallOfRareClass(true);
        Assert.True(balanced >= 0.9 && balanced > plain + 0.3, $"rare-class recall {plain:P0} unweighted, {balanced:P0} balanced");
    }

    [Fact]
    public void TheSameSeedGivesTheSameModelAndAnotherSeedAnother()
    {
        var (texts, labels) = SyntheticTexts.Sentiment(120, seed: 12);
        var options = SyntheticTexts.Quick();
        options.Epochs = 3;
        options.ValidationFraction = 0.2f;
        var probe = SyntheticTexts.Neutral(20, seed: 13);
        float[] Probabilities(TextClassifierOptions o) => TextClassifier.Fit(texts, labels, 2, o).PredictMany(probe).SelectMany(p => p.Probabilities).ToArray();

        var first = Probabilities(options);
        Assert.Equal(first, Probabilities(options));
        options.Seed = 2;
        Assert.NotEqual(first, Probabilities(options));
    }

    [Fact]
    public void CharacterTokenizationReadsOneTokenPerCharacter()
    {
        var (texts, labels) = SyntheticTexts.Sentiment(300, seed: 14);
        var options = SyntheticTexts.Quick();
        options.Tokenization = TextTokenization.Characters;
        var model = TextClassifier.Fit(texts, labels, 2, options);

        Assert.Equal(["a", " ", "b", "!"], model.Predict("a b!").Tokens);
        Assert.True(model.VocabularySize < 40);
        var (testTexts, testLabels) = SyntheticTexts.Sentiment(100, seed: 4);
        Assert.True(model.Evaluate(testTexts, testLabels).Accuracy >= 0.8);
    }
}
