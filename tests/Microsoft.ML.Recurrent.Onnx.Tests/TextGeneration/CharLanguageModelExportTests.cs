using Microsoft.ML.Recurrent.TextGeneration;
using Xunit.Abstractions;

namespace Microsoft.ML.Recurrent.Onnx.Tests.TextGeneration;

/// <summary>
/// A character language model trained briefly on tinyshakespeare and exported as one ONNX step gives the engine's
/// streaming logits and probabilities in ONNX Runtime over 1,000 characters of one stream and 64 streams of 16.
/// </summary>
public sealed class CharLanguageModelExportTests(ITestOutputHelper output) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("onnx-charlm-").FullName;

    [Theory]
    [InlineData(RecurrentCellType.Lstm, 2, false)]
    [InlineData(RecurrentCellType.Gru, 1, true)]
    public void ExportedStepMatchesTheStreamingSession(RecurrentCellType cell, int layers, bool tied)
    {
        string text = RealData.Shakespeare;
        var options = new CharLanguageModelOptions
        {
            Cell = cell, NumLayers = layers, HiddenSize = 48, EmbeddingSize = 16, TieEmbeddings = tied,
            Epochs = 1, ValidationFraction = 0, SequenceLength = 50, BatchSize = 16, TimeBudget = null,
        };
        var model = CharLanguageModel.Fit(text[..60_000], options);
        string path = Path.Combine(directory, "charlm.onnx");
        model.ExportOnnx(path);
        Assert.True(File.Exists(CharLanguageModel.OnnxVocabularyPath(path)));

        var held = model.Alphabet.Encode(text[100_000..102_000]);
        using var runner = new OnnxRunner(path);
        float single = Compare(model, runner, [held[..1000]]);
        float batched = Compare(model, runner, Enumerable.Range(0, 64).Select(s => held.AsSpan(s * 16, 16).ToArray()).ToArray());
        output.WriteLine($"{cell} x{layers}{(tied ? " tied" : string.Empty)}: max |ONNX Runtime - ours| one stream {single:E2}, 64 streams {batched:E2}");
        Assert.True(single <= Tolerance.MaxAbsoluteDifference, $"one stream: {single}");
        Assert.True(batched <= Tolerance.MaxAbsoluteDifference, $"64 streams: {batched}");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>Streams every sequence (all of one length) through both; returns the largest difference of logits and probabilities.</summary>
    private static float Compare(CharLanguageModel model, OnnxRunner runner, int[][] streams)
    {
        int batch = streams.Length, layers = model.Options.NumLayers, hidden = model.Options.HiddenSize;
        var session = new InferenceSession(model.Network, batch);
        var h = new float[layers * batch * hidden];
        var c = model.Options.Cell == RecurrentCellType.Lstm ? new float[h.Length] : null;
        var ids = new int[batch];
        float max = 0;
        for (int t = 0; t < streams[0].Length; t++)
        {
            for (int b = 0; b < batch; b++)
            {
                ids[b] = streams[b][t];
            }

            var expected = session.Step(ids).ToArray();
            var inputs = new List<(string, object, int[])>
            {
                (CharLanguageModel.OnnxTokenIdsInput, ids.Select(i => (long)i).ToArray(), [batch]),
                (CharLanguageModel.OnnxHiddenInput, h, [layers, batch, hidden]),
            };
            if (c is not null)
            {
                inputs.Add((CharLanguageModel.OnnxCellInput, c, [layers, batch, hidden]));
            }

            var actual = runner.Run(inputs.ToArray());
            max = Math.Max(max, Tolerance.MaxDifference(expected, actual[CharLanguageModel.OnnxLogitsOutput]));
            max = Math.Max(max, Tolerance.MaxDifference(Softmax(expected, batch), actual[CharLanguageModel.OnnxProbabilitiesOutput]));
            h = actual[CharLanguageModel.OnnxHiddenOutput];
            c = c is null ? null : actual[CharLanguageModel.OnnxCellOutput];
        }

        return max;
    }

    private static float[] Softmax(float[] logits, int batch)
    {
        int width = logits.Length / batch;
        var result = new float[logits.Length];
        for (int b = 0; b < batch; b++)
        {
            var row = logits.AsSpan(b * width, width);
            var target = result.AsSpan(b * width, width);
            System.Numerics.Tensors.TensorPrimitives.SoftMax(row, target);
        }

        return result;
    }
}
