using System.Diagnostics;
using Microsoft.ML.Data;
using Microsoft.ML.Recurrent.Forecasting;
using Microsoft.ML.Recurrent.Tests.Conformance;
using Microsoft.ML.Recurrent.Tests.Forecasting;
using Microsoft.ML.Recurrent.Translation;
using static Microsoft.ML.Recurrent.Tests.TextClassification.ReviewData;

namespace Microsoft.ML.Recurrent.Tests.Persistence;

/// <summary>
/// Pipelines saved with ML.NET's <c>mlContext.Model.Save</c>, loaded with <c>mlContext.Model.Load</c> in a separate
/// process (tests/Microsoft.ML.Recurrent.FreshProcess, which shares nothing with this one but the files), give
/// bit-identical outputs. Models are trained for an epoch or two: the outputs, not their quality, are compared.
/// </summary>
public class FreshProcessTests
{
    private sealed class Sentence
    {
        public string English { get; set; } = string.Empty;

        public string Russian { get; set; } = string.Empty;
    }

    private sealed class Line
    {
        public string Text { get; set; } = string.Empty;
    }

    [Fact]
    public void TextClassifierPipelineSavedWithModelSavePredictsIdenticallyInAFreshProcess()
    {
        var ml = new MLContext(seed: 1);
        var options = SmallOptions();
        options.Epochs = 2;
        options.TextColumnName = "Tokens";
        options.ExtraFeaturesColumnName = "Features";
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Topic")
            .Append(ml.Transforms.Text.FeaturizeText("Features", "Text"))
            .Append(ml.Transforms.Text.TokenizeIntoWords("Tokens", "Text"))
            .Append(ml.Transforms.Conversion.MapValueToKey("Tokens"))
            .Append(ml.MulticlassClassification.Trainers.LstmTextClassifier(options))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedTopic", "PredictedLabel"));
        var model = pipeline.Fit(ml.Data.LoadFromEnumerable(Articles(120, seed: 3)));
        var test = ml.Data.LoadFromEnumerable(Articles(40, seed: 4));

        string directory = AssertIdenticalInFreshProcess(ml, model, test);
        try
        {
            // Without the registration call the same file fails, with an error that names the call.
            var (exitCode, errors) = RunFreshProcess(Path.Combine(directory, "model.zip"), Path.Combine(directory, "input.idv"), Path.Combine(directory, "unused.idv"), "--without-registration");
            Assert.Equal(2, exitCode);
            Assert.Contains("mlContext.ComponentCatalog.RegisterRecurrentTransformers()", errors);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ForecasterForecastsIdenticallyInAFreshProcess()
    {
        var ml = new MLContext(seed: 1);
        var rows = MonthlyPassengers.Load();
        var model = ml.Transforms.CopyColumns("Observed", "Passengers")
            .Append(ml.Forecasting.ForecastByLstm(new LstmForecastingOptions
            {
                OutputColumnName = "Forecast",
                InputColumnName = "Observed",
                TimestampColumnName = "Month",
                ConfidenceLowerBoundColumn = "Lower",
                ConfidenceUpperBoundColumn = "Upper",
                Horizon = 6,
                EnsembleSize = 1,
                Epochs = 3,
            }))
            .Fit(ml.Data.LoadFromEnumerable(rows.Take(120)));

        Directory.Delete(AssertIdenticalInFreshProcess(ml, model, ml.Data.LoadFromEnumerable(rows.Skip(100))), recursive: true);
    }

    [Fact]
    public void TranslatorTranslatesIdenticallyInAFreshProcess()
    {
        var ml = new MLContext(seed: 1);
        string[] english = ["one", "two", "three", "one two", "two three", "three one two"];
        string[] russian = ["один", "два", "три", "один два", "два три", "три один два"];
        var pairs = english.Select((e, i) => new Sentence { English = e, Russian = russian[i] }).ToArray();
        var model = ml.Transforms.Text.TranslateByLstm(new LstmTranslationOptions
        {
            SourceColumnName = "English",
            TargetColumnName = "Russian",
            Tokenization = TranslationTokenization.Words,
            EmbeddingDimension = 8,
            HiddenSize = 16,
            Epochs = 2,
            ValidationFraction = 0f,
            Decoding = new DecodingOptions { BeamSize = 3, MaxLength = 8 },
        }).Fit(ml.Data.LoadFromEnumerable(Enumerable.Repeat(pairs, 5).SelectMany(p => p)));

        Directory.Delete(AssertIdenticalInFreshProcess(ml, model, ml.Data.LoadFromEnumerable(pairs)), recursive: true);
    }

    [Fact]
    public void CompletionCompletesIdenticallyInAFreshProcess()
    {
        var ml = new MLContext(seed: 1);
        string[] lines = ["the cat sat on the mat.", "the dog ran to the park.", "a cat likes warm milk."];
        var model = ml.Transforms.Text.CompleteByLstm(new LstmTextCompletionOptions
        {
            CompletionsColumnName = "Completions",
            CompletionCount = 3,
            MaxCompletionLength = 8,
            HiddenSize = 16,
            NumLayers = 1,
            EmbeddingSize = 8,
            SequenceLength = 16,
            Epochs = 1,
            TimeBudget = null,
            ValidationFraction = 0.1f,
            EarlyStoppingPatience = 0,
        }).Fit(ml.Data.LoadFromEnumerable(Enumerable.Repeat(lines, 20).SelectMany(l => l).Select(t => new Line { Text = t })));
        var prompts = ml.Data.LoadFromEnumerable(new[] { "the cat sat on the m", "the dog ran to the pa", "a c" }.Select(t => new Line { Text = t }));

        Directory.Delete(AssertIdenticalInFreshProcess(ml, model, prompts), recursive: true);
    }

    /// <summary>
    /// Saves <paramref name="model"/> with Model.Save and <paramref name="input"/> in ML.NET's binary format, has the fresh
    /// process load and apply the model, and checks its output equals this process's bit for bit. Returns the folder of
    /// the files (model.zip, input.idv, output.idv) for the caller to delete.
    /// </summary>
    private static string AssertIdenticalInFreshProcess(MLContext ml, ITransformer model, IDataView input)
    {
        string directory = Directory.CreateTempSubdirectory("fresh-process-").FullName;
        string modelPath = Path.Combine(directory, "model.zip");
        string inputPath = Path.Combine(directory, "input.idv");
        string outputPath = Path.Combine(directory, "output.idv");
        ml.Model.Save(model, input.Schema, modelPath);
        using (var file = File.Create(inputPath))
        {
            ml.Data.SaveAsBinary(input, file);
        }

        var (exitCode, errors) = RunFreshProcess(modelPath, inputPath, outputPath);
        Assert.True(exitCode == 0, $"The fresh process failed with exit code {exitCode}: {errors}");
        var expected = EstimatorConformance.ReadAll(model.Transform(ml.Data.LoadFromBinary(inputPath)));
        var actual = EstimatorConformance.ReadAll(ml.Data.LoadFromBinary(outputPath));
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(Bits), actual.Select(Bits));
        return directory;
    }

    /// <summary>A row's values as text, floats by their bits, so that equality is bit-for-bit.</summary>
    private static string Bits(object[] row) => string.Join(" | ", row.Select(Bits));

    private static string Bits(object value) => value switch
    {
        float number => BitConverter.SingleToInt32Bits(number).ToString("X8"),
        double number => BitConverter.DoubleToInt64Bits(number).ToString("X16"),
        Array values => "[" + string.Join(", ", values.Cast<object>().Select(Bits)) + "]",
        _ => value.ToString() ?? "null",
    };

    /// <summary>Runs the fresh-process program with the dotnet host running these tests; returns its exit code and output.</summary>
    private static (int ExitCode, string Output) RunFreshProcess(params string[] arguments)
    {
        string program = Path.Combine(AppContext.BaseDirectory, "Microsoft.ML.Recurrent.FreshProcess.dll");
        Assert.True(File.Exists(program), $"{program} is missing; building this test project copies it from tests/Microsoft.ML.Recurrent.FreshProcess.");
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(program);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The fresh process did not finish in 2 minutes: {string.Join(' ', arguments)}");
        }

        return (process.ExitCode, output.Result + errors.Result);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";
}
