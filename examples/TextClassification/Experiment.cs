using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent.Examples.TextClassification;

/// <summary>Trains on one corpus and scores another, optionally with an n-gram bag as the wide part.</summary>
public static class Experiment
{
    /// <summary>Fits a classifier on <paramref name="training"/> and evaluates it on <paramref name="test"/>.</summary>
    /// <param name="training">Training corpus.</param>
    /// <param name="test">Test corpus.</param>
    /// <param name="options">Classifier settings.</param>
    /// <param name="withBag">Add an <see cref="NGramBag"/> fitted on the training texts as extra features.</param>
    /// <param name="showAttention">With attention pooling, print the most attended tokens of a few test texts.</param>
    public static ClassificationMetrics TrainAndTest(Corpus training, Corpus test, TextClassifierOptions options, bool withBag, bool showAttention)
    {
        var bag = withBag ? NGramBag.Fit(training.Texts) : null;
        int classes = training.ClassNames.Length;
        var model = TextClassifier.Fit(training.Texts, training.Labels, classes, options, bag?.Transform(training.Texts));
        var testFeatures = bag?.Transform(test.Texts);
        if (showAttention && options.Pooling == PoolingMode.Attention)
        {
            Console.WriteLine("Most attended tokens of the first test texts:");
            for (int i = 0; i < 4; i++)
            {
                var prediction = model.Predict(test.Texts[i], testFeatures?[i]);
                string words = string.Join(", ", prediction.MostAttended(4).Select(p => $"{p.Token} {p.Weight:F2}"));
                Console.WriteLine($"  [{test.ClassNames[prediction.PredictedClass]} {prediction.Probabilities[prediction.PredictedClass]:F2}] {Shorten(test.Texts[i])}");
                Console.WriteLine($"      {words}");
            }
        }

        return model.Evaluate(test.Texts, test.Labels, testFeatures);
    }

    private static string Shorten(string text) => text.Length <= 90 ? text.Trim() : text[..87].Trim() + "...";
}
