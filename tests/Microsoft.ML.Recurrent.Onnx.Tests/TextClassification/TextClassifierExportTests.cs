using Microsoft.ML.Recurrent.TextClassification;
using Microsoft.ML.Recurrent.Text.Pipeline;
using Xunit.Abstractions;

namespace Microsoft.ML.Recurrent.Onnx.Tests.TextClassification;

/// <summary>
/// Text classifiers trained briefly on MR sentences and exported to ONNX give the probabilities of <see cref="TextClassifier"/>
/// in ONNX Runtime on 1,000 held-out sentences, one at a time and in padded batches of 64, and the same argmax.
/// </summary>
public sealed class TextClassifierExportTests(ITestOutputHelper output) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("onnx-classifier-").FullName;

    public static TheoryData<string> Configurations => new() { "bilstm-max-wide", "bigru2-attention", "lstm-last-truncated", "gru-mean-token-ids" };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void ExportedClassifierMatchesOurPredictions(string configuration)
    {
        var (texts, labels) = RealData.ReviewTraining;
        var test = RealData.ReviewTest;
        var options = new TextClassifierOptions
        {
            EmbeddingDimension = 24,
            HiddenSize = 24,
            Epochs = 1,
            ValidationFraction = 0,
            Cell = configuration.Contains("gru") ? RecurrentCellType.Gru : RecurrentCellType.Lstm,
            Bidirectional = configuration.StartsWith("bi", StringComparison.Ordinal),
            NumLayers = configuration.Contains("gru2") ? 2 : 1,
            Pooling = configuration.Contains("max") ? PoolingMode.Max : configuration.Contains("attention") ? PoolingMode.Attention
                : configuration.Contains("last") ? PoolingMode.Last : PoolingMode.Mean,
            MaxLength = configuration.Contains("truncated") ? 12 : 400,
        };
        string path = Path.Combine(directory, configuration + ".onnx");
        List<(long[] Ids, float[]? Extras, float[] Single, float[] Batched)> cases;
        if (configuration.Contains("token-ids"))
        {
            var words = new WordIds(texts);
            var model = TextClassifier.Fit(texts.Select(words.Of).ToArray(), words.Count, labels, 2, options);
            model.ExportOnnx(path);
            var ids = test.Select(words.Of).ToArray();
            var batched = model.PredictMany(ids);
            cases = ids.Select((s, i) => (s.Select(id => (long)id).ToArray(), (float[]?)null, model.Predict(s).Probabilities.ToArray(), batched[i].Probabilities.ToArray())).ToList();
        }
        else
        {
            bool wide = configuration.Contains("wide");
            var bag = new WordBag(texts, 100);
            var model = TextClassifier.Fit(texts, labels, 2, options, wide ? texts.Select(bag.Of).ToArray() : null);
            model.ExportOnnx(path);
            var extras = wide ? test.Select(bag.Of).ToArray() : null;
            var batched = model.PredictMany(test, extras);
            var encoder = TextEncoder.FromJson(TokenizerJson(path)["input"]!["encoder"]!.AsObject());
            cases = test.Select((t, i) => (encoder.Encode(t).Select(id => (long)id).ToArray(), extras?[i], model.Predict(t, extras?[i]).Probabilities.ToArray(), batched[i].Probabilities.ToArray())).ToList();
        }

        using var runner = new OnnxRunner(path);
        float single = 0, batch = 0;
        int argmaxDisagreements = 0;
        foreach (var c in cases)
        {
            var actual = Run(runner, [c]);
            single = Math.Max(single, Tolerance.MaxDifference(c.Single, actual));
            argmaxDisagreements += ArgMax(actual) == ArgMax(c.Single) ? 0 : 1;
        }

        foreach (var chunk in cases.Chunk(64))
        {
            var actual = Run(runner, chunk);
            for (int b = 0; b < chunk.Length; b++)
            {
                var row = actual.AsSpan(b * 2, 2);
                batch = Math.Max(batch, Tolerance.MaxDifference(chunk[b].Batched, row));
                argmaxDisagreements += ArgMax(row) == ArgMax(chunk[b].Batched) ? 0 : 1;
            }
        }

        output.WriteLine($"{configuration}: max |ONNX Runtime - ours| batch 1 {single:E2}, batch 64 {batch:E2}, argmax disagreements {argmaxDisagreements}");
        Assert.Equal(1000, cases.Count);
        Assert.True(single <= Tolerance.MaxAbsoluteDifference, $"batch 1: max |difference| {single}");
        Assert.True(batch <= Tolerance.MaxAbsoluteDifference, $"batch 64: max |difference| {batch}");
        Assert.Equal(0, argmaxDisagreements);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static System.Text.Json.Nodes.JsonNode TokenizerJson(string path) =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(TextClassifier.OnnxTokenizerPath(path)))!;

    /// <summary>Runs padded rows [batch, longest] (padding 0) with their lengths and extra features.</summary>
    private static float[] Run(OnnxRunner runner, IReadOnlyList<(long[] Ids, float[]? Extras, float[] Single, float[] Batched)> rows)
    {
        int longest = rows.Max(r => r.Ids.Length);
        var ids = new long[rows.Count * longest];
        for (int b = 0; b < rows.Count; b++)
        {
            rows[b].Ids.CopyTo(ids, b * longest);
        }

        var inputs = new List<(string, object, int[])>
        {
            (TextClassifier.OnnxTokenIdsInput, ids, [rows.Count, longest]),
            (TextClassifier.OnnxLengthsInput, rows.Select(r => (long)r.Ids.Length).ToArray(), [rows.Count]),
        };
        if (rows[0].Extras is { } first)
        {
            inputs.Add((TextClassifier.OnnxExtraFeaturesInput, rows.SelectMany(r => r.Extras!).ToArray(), [rows.Count, first.Length]));
        }

        return runner.Run(inputs.ToArray())[TextClassifier.OnnxProbabilitiesOutput];
    }

    private static int ArgMax(ReadOnlySpan<float> values) => values[1] > values[0] ? 1 : 0;

    /// <summary>An external vocabulary of the training words (ids by first appearance); other words are -1.</summary>
    private sealed class WordIds
    {
        private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);

        public WordIds(IEnumerable<string> texts)
        {
            foreach (var word in texts.SelectMany(Split))
            {
                ids.TryAdd(word, ids.Count);
            }
        }

        public int Count => ids.Count;

        public int[] Of(string text) => Split(text).Select(w => ids.GetValueOrDefault(w, TextClassifier.UnknownTokenId)).ToArray();

        private static string[] Split(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Presence of the <c>size</c> most frequent training words: a small real "wide" feature vector.</summary>
    private sealed class WordBag(IEnumerable<string> texts, int size)
    {
        private readonly string[] words = texts.SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .GroupBy(w => w).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(size).Select(g => g.Key).ToArray();

        public float[] Of(string text)
        {
            var present = text.Split(' ').ToHashSet();
            return words.Select(w => present.Contains(w) ? 1f : 0f).ToArray();
        }
    }
}
