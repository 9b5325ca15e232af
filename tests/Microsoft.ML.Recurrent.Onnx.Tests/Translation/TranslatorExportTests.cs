using Microsoft.ML.Recurrent.Text.Vocabularies;
using Microsoft.ML.Recurrent.Translation;
using Microsoft.ML.Recurrent.Translation.Decoding;
using Xunit.Abstractions;

namespace Microsoft.ML.Recurrent.Onnx.Tests.Translation;

/// <summary>
/// Translators trained briefly on English-Russian pairs and exported as an ONNX encoder and decoder step: greedy decoding
/// around them in ONNX Runtime gives the same translations as <see cref="Translator"/> on 1,000 held-out sentences (batch 1
/// and 64), and every step's log-probabilities agree with the engine's decoder session.
/// </summary>
public sealed class TranslatorExportTests(ITestOutputHelper output) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("onnx-translator-").FullName;

    [Theory]
    [InlineData("bilstm2-luong-feeding")]
    [InlineData("lstm-bahdanau")]
    [InlineData("gru-none-tied-words")]
    public void GreedyDecodingAroundTheExportMatchesTheTranslator(string configuration)
    {
        var pairs = RealData.EnglishRussian;
        var training = pairs[..5000];
        var test = pairs[5000..6000].Select(p => p.English).ToArray();
        var options = new TranslatorOptions
        {
            Tokenization = configuration.Contains("words") ? TranslationTokenization.Words : TranslationTokenization.Subwords,
            SubwordMerges = 500,
            EmbeddingDimension = 32,
            HiddenSize = 32,
            Epochs = 2,
            MaxVocabularySize = 4000,
            LearningRate = 1e-2f,
            ValidationFraction = 0,
            Cell = configuration.Contains("gru") ? RecurrentCellType.Gru : RecurrentCellType.Lstm,
            Bidirectional = configuration.StartsWith("bi", StringComparison.Ordinal),
            NumLayers = configuration.Contains("lstm2") ? 2 : 1,
            Attention = configuration.Contains("luong") ? AttentionType.Luong : configuration.Contains("bahdanau") ? AttentionType.Bahdanau : AttentionType.None,
            InputFeeding = configuration.Contains("feeding"),
            TieEmbeddings = configuration.Contains("tied"),
        };
        var translator = Translator.Fit(training.Select(p => p.English).ToArray(), training.Select(p => p.Russian).ToArray(), options);
        translator.ExportOnnx(directory);
        using var onnx = new OnnxGreedyTranslator(directory);
        var sources = test.Select(s => translator.EncodeSource(s, "test")).ToArray();
        var expected = translator.TranslateMany(test, DecodingOptions.Greedy).Select(t => string.Join(' ', t.Tokens)).ToArray();
        var vocabulary = translator.TargetEncoder.Vocabulary;

        int mismatches = 0;
        float maxDifference = 0;
        foreach (int batch in new[] { 1, 64 })
        {
            for (int start = 0; start < sources.Length; start += batch)
            {
                var chunk = sources[start..Math.Min(start + batch, sources.Length)];
                var session = new DecoderSession(translator.Network, chunk, 1);
                var translated = onnx.Translate(chunk, (ids, logProbabilities) =>
                {
                    session.Step(ids);
                    maxDifference = Math.Max(maxDifference, Tolerance.MaxDifference(session.LogProbabilities.Values, logProbabilities));
                });
                for (int i = 0; i < chunk.Length; i++)
                {
                    mismatches += string.Join(' ', translated[i].Select(vocabulary.GetToken)) == expected[start + i] ? 0 : 1;
                }
            }
        }

        double meanTokens = expected.Average(e => e.Length == 0 ? 0 : e.Split(' ').Length);
        output.WriteLine($"{configuration}: {mismatches} of 2,000 greedy translations differ; max |log-probability difference| {maxDifference:E2}; {meanTokens:F1} tokens per translation, e.g. '{test[1]}' -> '{expected[1]}'");
        Assert.True(meanTokens >= 3, "the model should translate, not stop at once");
        Assert.Equal(0, mismatches);
        Assert.True(maxDifference <= Tolerance.MaxAbsoluteDifference, $"log-probabilities differ by {maxDifference}");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>Greedy decoding around the exported encoder and decoder step, as a caller without this library would write it.</summary>
    private sealed class OnnxGreedyTranslator(string directory) : IDisposable
    {
        private readonly OnnxRunner encoder = new(Path.Combine(directory, Translator.OnnxEncoderFile));
        private readonly OnnxRunner decoder = new(Path.Combine(directory, Translator.OnnxDecoderFile));

        /// <summary>Translates source id sequences (ending with &lt;/s&gt;); <paramref name="onStep"/> sees each step's input ids and log-probabilities.</summary>
        public List<int>[] Translate(int[][] sources, Action<int[], float[]> onStep)
        {
            int n = sources.Length, steps = sources.Max(s => s.Length);
            var ids = new long[n * steps];
            for (int i = 0; i < n; i++)
            {
                for (int t = 0; t < sources[i].Length; t++)
                {
                    ids[i * steps + t] = sources[i][t];
                }
            }

            var lengths = sources.Select(s => (long)s.Length).ToArray();
            var encoded = encoder.Run(("source_ids", ids, [n, steps]), ("source_lengths", lengths, [n]));
            var inputs = decoder.Session.InputMetadata;
            var hidden = encoded["hidden"];
            int layers = hidden.Length / n / inputs["hidden"].Dimensions[2];
            var state = new Dictionary<string, (float[] Values, int[] Shape)>
            {
                ["hidden"] = (hidden, [layers, n, hidden.Length / n / layers]),
            };
            if (inputs.ContainsKey("cell"))
            {
                state["cell"] = (encoded["cell"], [layers, n, hidden.Length / n / layers]);
            }

            if (inputs.TryGetValue("feed", out var feedMetadata))
            {
                state["feed"] = (new float[n * feedMetadata.Dimensions[1]], [n, feedMetadata.Dimensions[1]]);
            }

            var results = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
            var done = new bool[n];
            var next = Enumerable.Repeat(Vocabulary.BeginId, n).ToArray();
            while (done.Contains(false))
            {
                var feeds = new List<(string, object, int[])> { ("token_ids", next.Select(i => (long)i).ToArray(), [n]) };
                feeds.AddRange(state.Select(s => (s.Key, (object)s.Value.Values, s.Value.Shape)));
                if (inputs.ContainsKey("memory"))
                {
                    feeds.Add(("memory", encoded["memory"], [steps, n, encoded["memory"].Length / steps / n]));
                    feeds.Add(("source_lengths", lengths, [n]));
                }

                if (inputs.ContainsKey("memory_keys"))
                {
                    feeds.Add(("memory_keys", encoded["memory_keys"], [steps, n, encoded["memory_keys"].Length / steps / n]));
                }

                var outputs = decoder.Run(feeds.ToArray());
                var logProbabilities = outputs["log_probabilities"];
                onStep(next.ToArray(), logProbabilities);
                int vocabulary = logProbabilities.Length / n;
                foreach (var key in state.Keys.ToArray())
                {
                    state[key] = (outputs[key + "_out"], state[key].Shape);
                }

                for (int i = 0; i < n; i++)
                {
                    if (done[i])
                    {
                        next[i] = Vocabulary.PadId;
                        continue;
                    }

                    int token = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(logProbabilities.AsSpan(i * vocabulary, vocabulary));
                    done[i] = token == Vocabulary.EndId;
                    if (!done[i])
                    {
                        results[i].Add(token);
                        next[i] = token;
                        done[i] = results[i].Count == 2 * (sources[i].Length - 1) + 10;
                    }
                }
            }

            return results;
        }

        public void Dispose()
        {
            encoder.Dispose();
            decoder.Dispose();
        }
    }
}
