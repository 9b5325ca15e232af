using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Recurrent;
using Microsoft.ML.Recurrent.Examples.TextClassification;

// Trains the recurrent text classifier on MR movie reviews in an ML.NET pipeline (80/20 split, seed 1), exports it to
// ONNX and writes the test sentences with the transformer's probabilities, for examples/MlNetOnnxScoring to score the
// export with ApplyOnnxModel and compare.
// Usage: dotnet run -c Release --project examples/OnnxExport -- [OUTPUT_DIRECTORY]    (default: onnx-export in the temp folder; about a minute)
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string output = Path.GetFullPath(args.FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), "onnx-export"));
Directory.CreateDirectory(output);
var ml = new MLContext(seed: 1);
var corpus = DataSets.MovieReviews();
var reviews = ml.Data.LoadFromEnumerable(corpus.Texts.Select((t, i) => new Review { Text = t, Label = corpus.Labels[i] == 1 }));
var split = ml.Data.TrainTestSplit(reviews, testFraction: 0.2, seed: 1);

var model = ml.BinaryClassification.Trainers.LstmTextClassifier(labelColumnName: "Label", textColumnName: "Text").Fit(split.TrainSet);
string modelPath = Path.Combine(output, "mr-classifier.onnx");
model.ExportOnnx(modelPath);                                   // writes mr-classifier.onnx and mr-classifier.tokenizer.json

var test = ml.Data.CreateEnumerable<Review>(split.TestSet, reuseRowObject: false).ToArray();
var predicted = ml.Data.CreateEnumerable<Prediction>(model.Transform(split.TestSet), reuseRowObject: false).ToArray();
string sentences = Path.Combine(output, "test-sentences.tsv");
File.WriteAllLines(sentences, test.Select((r, i) => $"{(r.Label ? 1 : 0)}\t{r.Text.Replace('\t', ' ')}\t{predicted[i].Probability.ToString("R", CultureInfo.InvariantCulture)}"));
double accuracy = test.Zip(predicted).Average(p => p.First.Label == p.Second.PredictedLabel ? 1.0 : 0.0);
Console.WriteLine($"Trained on {corpus.Texts.Length - test.Length} reviews; transformer accuracy on {test.Length} test reviews {100 * accuracy:F2} %.");
Console.WriteLine($"Exported {modelPath} (+ {Path.GetFileName(Path.ChangeExtension(modelPath, ".tokenizer.json"))}) and {sentences}.");
Console.WriteLine($"Score it without this library: dotnet run -c Release --project examples/MlNetOnnxScoring -- {modelPath} {sentences}");
return 0;

/// <summary>A movie review and its polarity.</summary>
internal sealed class Review
{
    public string Text { get; set; } = string.Empty;

    public bool Label { get; set; }
}

/// <summary>The transformer's output columns used here.</summary>
internal sealed class Prediction
{
    public bool PredictedLabel { get; set; }

    public float Probability { get; set; }
}
