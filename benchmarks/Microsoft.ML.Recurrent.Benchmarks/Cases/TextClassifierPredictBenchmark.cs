using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Text.Pipeline;
using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>
/// One MR sentence of median length through <see cref="TextClassifier.Predict(string, float[])"/>, as an ML.NET
/// PredictionEngine calls it: tokenization, vocabulary lookup, the default bidirectional LSTM with max pooling, softmax.
/// The model is the default one after a single epoch on 2,000 sentences; the weights do not change the cost.
/// </summary>
internal sealed class TextClassifierPredictBenchmark : BenchmarkCase
{
    public override string Name => "predict-textclassifier";

    public override string Kind => "predict";

    public override IReadOnlyList<(string Field, double Value)> Run()
    {
        var (model, sentence) = Train();
        int tokens = model.Predict(sentence).Tokens.Count;
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        model.Predict(sentence);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        double seconds = SecondsPerCall(() => model.Predict(sentence));
        return [("us_per_call", seconds * 1e6), ("tokens", tokens), ("allocated_bytes_per_call", allocated)];
    }

    /// <summary>
    /// For the ONNX Runtime peer (harness option <c>--export-onnx DIR</c>): exports the benchmark's model to
    /// DIR/textclassifier.onnx and writes the token ids of its sentence to DIR/textclassifier-input.json, encoded by
    /// the tokenizer file the export writes.
    /// </summary>
    public static void ExportOnnx(string directory)
    {
        var (model, sentence) = Train();
        string path = Path.Combine(directory, "textclassifier.onnx");
        model.ExportOnnx(path);
        var input = JsonNode.Parse(File.ReadAllText(TextClassifier.OnnxTokenizerPath(path)))!["input"]!["encoder"]!.AsObject();
        File.WriteAllText(Path.Combine(directory, "textclassifier-input.json"), JsonSerializer.Serialize(TextEncoder.FromJson(input).Encode(sentence)));
    }

    /// <summary>The benchmark's model and sentence.</summary>
    private static (TextClassifier Model, string Sentence) Train()
    {
        var (texts, labels) = MovieReviews.Load();
        var sample = Enumerable.Range(0, texts.Length).Where(i => i % 5 == 0).Take(2000).ToArray();
        var model = TextClassifier.Fit(sample.Select(i => texts[i]).ToArray(), sample.Select(i => labels[i]).ToArray(), 2, new TextClassifierOptions { Epochs = 1, ValidationFraction = 0f });
        return (model, MedianSentence(texts));
    }

    /// <summary>The sentence of median white-space token count (the first of them in file order).</summary>
    private static string MedianSentence(string[] texts)
    {
        var counts = texts.Select(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length).ToArray();
        int median = counts.Order().ElementAt(counts.Length / 2);
        return texts[Array.IndexOf(counts, median)];
    }
}
