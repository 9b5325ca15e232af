using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent.TextClassification.Tests;

/// <summary>Small seeded corpora and quick model settings for the tests.</summary>
internal static class SyntheticTexts
{
    public static readonly string[] Negative = ["bad", "awful", "poor", "dull", "boring"];
    public static readonly string[] Positive = ["good", "great", "lovely", "superb", "fine"];
    public static readonly string[] Fillers = ["the", "movie", "was", "a", "plot", "actors", "film", "and", "it", "this", "story", "really", "quite", "of"];

    /// <summary>
    /// Sentences of 4–9 filler words with one sentiment word at a random position; the label is the word's polarity
    /// (0 negative, 1 positive).
    /// </summary>
    public static (string[] Texts, int[] Labels) Sentiment(int count, int seed)
    {
        var random = new RandomSource(seed);
        var texts = new string[count];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % 2;
            var words = Enumerable.Range(0, 4 + random.NextInt(6)).Select(_ => Fillers[random.NextInt(Fillers.Length)]).ToList();
            var polar = labels[i] == 1 ? Positive : Negative;
            words.Insert(random.NextInt(words.Count + 1), polar[random.NextInt(polar.Length)]);
            texts[i] = string.Join(' ', words);
        }

        return (texts, labels);
    }

    /// <summary>Filler-only sentences: nothing in them tells the classes apart.</summary>
    public static string[] Neutral(int count, int seed)
    {
        var random = new RandomSource(seed);
        return Enumerable.Range(0, count)
            .Select(_ => string.Join(' ', Enumerable.Range(0, 4 + random.NextInt(6)).Select(_ => Fillers[random.NextInt(Fillers.Length)])))
            .ToArray();
    }

    /// <summary>Small, fast settings that still learn the synthetic corpora.</summary>
    public static TextClassifierOptions Quick(PoolingMode pooling = PoolingMode.Max) => new()
    {
        EmbeddingDimension = 16,
        HiddenSize = 16,
        Pooling = pooling,
        Dropout = 0.1f,
        Epochs = 8,
        BatchSize = 16,
        LearningRate = 0.01f,
        ValidationFraction = 0f,
    };

    /// <summary>Share of <paramref name="predictions"/> whose class is the label.</summary>
    public static double Accuracy(IReadOnlyList<TextPrediction> predictions, IReadOnlyList<int> labels) =>
        predictions.Where((p, i) => p.PredictedClass == labels[i]).Count() / (double)labels.Count;
}
