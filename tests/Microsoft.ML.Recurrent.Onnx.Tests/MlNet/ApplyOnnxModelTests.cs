using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Recurrent.TextClassification;
using Xunit.Abstractions;

namespace Microsoft.ML.Recurrent.Onnx.Tests.MlNet;

/// <summary>
/// A text classifier trained in an ML.NET pipeline and exported to ONNX scores 1,000 MR sentences through
/// <c>mlContext.Transforms.ApplyOnnxModel</c> in a separate process that loads none of the task libraries
/// (examples/MlNetOnnxScoring), with the recurrent transformer's probabilities.
/// </summary>
public sealed class ApplyOnnxModelTests(ITestOutputHelper output) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("onnx-mlnet-").FullName;

    [Fact]
    public void ApplyOnnxModelInAnotherProcessGivesTheTransformersPredictions()
    {
        var ml = new MLContext(seed: 1);
        var (texts, labels) = RealData.ReviewTraining;
        var training = ml.Data.LoadFromEnumerable(texts.Select((t, i) => new Review { Text = t, Label = labels[i] == 1 }));
        var options = new LstmTextClassifierOptions { EmbeddingDimension = 24, HiddenSize = 24, Epochs = 1, ValidationFraction = 0, Pooling = PoolingMode.Attention };
        var model = ml.BinaryClassification.Trainers.LstmTextClassifier(options).Fit(training);
        string modelPath = Path.Combine(directory, "mr.onnx");
        model.ExportOnnx(modelPath);

        var test = ml.Data.LoadFromEnumerable(RealData.ReviewTest.Select(t => new Review { Text = t }));
        var expected = ml.Data.CreateEnumerable<Prediction>(model.Transform(test), reuseRowObject: false).Select(p => p.Probability).ToArray();
        string sentences = Path.Combine(directory, "sentences.tsv"), predictions = Path.Combine(directory, "predictions.tsv");
        File.WriteAllLines(sentences, RealData.ReviewTest.Select((t, i) => $"{RealData.ReviewTestLabels[i]}\t{t.Replace('\t', ' ')}"));

        var (exitCode, stdout) = RunScoring(modelPath, sentences, predictions);
        output.WriteLine(stdout);
        Assert.Equal(0, exitCode);
        Assert.Contains("task libraries loaded: none", stdout);
        var actual = File.ReadAllLines(predictions).Select(line => float.Parse(line.Split('\t')[1], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(1000, actual.Length);
        float max = Tolerance.MaxDifference(expected, actual);
        output.WriteLine($"max |ApplyOnnxModel - transformer| {max:E2}");
        Assert.True(max <= Tolerance.MaxAbsoluteDifference, $"probabilities differ by {max}");
        Assert.Equal(expected.Select(p => p > 0.5f), actual.Select(p => p > 0.5f));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>Runs examples/MlNetOnnxScoring's build output with the same dotnet host.</summary>
    private static (int ExitCode, string Output) RunScoring(params string[] arguments)
    {
        string scorer = typeof(ApplyOnnxModelTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "MlNetOnnxScoring").Value!;
        var start = new ProcessStartInfo(Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal) ? Environment.ProcessPath : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.GetFullPath(scorer));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the scoring process did not finish");
        return (process.ExitCode, stdout + stderr.Result);
    }

    private sealed class Review
    {
        public string Text { get; set; } = string.Empty;

        public bool Label { get; set; }
    }

    private sealed class Prediction
    {
        public float Probability { get; set; }
    }
}
