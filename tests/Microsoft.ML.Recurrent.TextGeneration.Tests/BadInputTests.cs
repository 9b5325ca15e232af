using Microsoft.ML.Recurrent.Engine.Training;

namespace Microsoft.ML.Recurrent.TextGeneration.Tests;

public class BadInputTests(MemorizedModel memorized) : IClassFixture<MemorizedModel>
{
    private CharLanguageModel Model => memorized.Model;

    private static void AssertNames(string parameter, Action action)
    {
        var error = Assert.ThrowsAny<ArgumentException>(action);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(parameter, error.Message);
    }

    [Fact]
    public void FitNamesTheBadArgument()
    {
        AssertNames("trainingText", () => CharLanguageModel.Fit(string.Empty));
        AssertNames("trainingText", () => CharLanguageModel.Fit("too short for 32 streams of 100 characters", new CharLanguageModelOptions { ValidationFraction = 0f }));
        AssertNames("validationText", () => CharLanguageModel.Fit(memorized.Text, MemorizedModel.Options(), "x"));
        Assert.Throws<ArgumentNullException>(() => CharLanguageModel.Fit(null!));
    }

    [Theory]
    [InlineData("HiddenSize")]
    [InlineData("NumLayers")]
    [InlineData("EmbeddingSize")]
    [InlineData("Dropout")]
    [InlineData("SequenceLength")]
    [InlineData("BatchSize")]
    [InlineData("LearningRate")]
    [InlineData("LearningRateDecay")]
    [InlineData("GradientClipNorm")]
    [InlineData("Epochs")]
    [InlineData("TimeBudget")]
    [InlineData("ValidationFraction")]
    [InlineData("EarlyStoppingPatience")]
    [InlineData("CheckpointPath")]
    public void InvalidOptionsAreNamed(string option)
    {
        var options = new CharLanguageModelOptions();
        Action<CharLanguageModelOptions> spoil = option switch
        {
            "HiddenSize" => o => o.HiddenSize = 0,
            "NumLayers" => o => o.NumLayers = 0,
            "EmbeddingSize" => o => o.EmbeddingSize = -1,
            "Dropout" => o => o.Dropout = 1f,
            "SequenceLength" => o => o.SequenceLength = 0,
            "BatchSize" => o => o.BatchSize = 0,
            "LearningRate" => o => o.LearningRate = float.NaN,
            "LearningRateDecay" => o => o.LearningRateDecay = 1.5f,
            "GradientClipNorm" => o => o.GradientClipNorm = -1f,
            "Epochs" => o => o.Epochs = 0,
            "TimeBudget" => o => o.TimeBudget = TimeSpan.Zero,
            "ValidationFraction" => o => o.ValidationFraction = 0.9f,
            "EarlyStoppingPatience" => o => o.EarlyStoppingPatience = -1,
            _ => o => o.CheckpointPath = " ",
        };
        spoil(options);
        AssertNames(option, options.Validate);
        AssertNames(option, () => CharLanguageModel.Fit(memorized.Text, options));
    }

    [Fact]
    public void SamplingOptionsAreNamed()
    {
        AssertNames("Temperature", () => Model.Generate("the", 5, new SamplingOptions { Temperature = 0f }));
        AssertNames("Temperature", () => Model.Generate("the", 5, new SamplingOptions { Temperature = -1f }));
        AssertNames("Temperature", () => Model.Generate("the", 5, new SamplingOptions { Temperature = float.PositiveInfinity }));
        AssertNames("TopK", () => Model.Generate("the", 5, new SamplingOptions { TopK = -1 }));
        AssertNames("TopP", () => Model.Generate("the", 5, new SamplingOptions { TopP = 0f }));
        AssertNames("TopP", () => Model.Generate("the", 5, new SamplingOptions { TopP = 1.5f }));
        AssertNames("TopP", () => Model.GenerateStreaming("the", 5, new SamplingOptions { TopP = float.NaN }));
    }

    [Fact]
    public void PredictionArgumentsAreNamed()
    {
        AssertNames("length", () => Model.Generate("the", -1));
        AssertNames("count", () => Model.Complete("the", 0));
        AssertNames("maxLength", () => Model.Complete("the", 3, maxLength: 0));
        AssertNames("beamWidth", () => Model.Complete("the", 3, beamWidth: 0));
        AssertNames("text", () => Model.Evaluate("a"));
        Assert.Throws<ArgumentNullException>(() => Model.Generate(null!, 3));
        Assert.Equal(string.Empty, Model.Generate("the", 0));
    }

    [Fact]
    public void CheckpointPathThatCannotBeWrittenIsRejectedBeforeTraining()
    {
        string root = Path.Combine(Path.GetTempPath(), "mlrnn-checkpoint-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            foreach (string path in new[] { Path.Combine(root, "missing", "model.mlrnn"), root })
            {
                int epochs = 0;
                var options = MemorizedModel.Options();
                options.CheckpointPath = path;
                options.Progress = _ => epochs++;
                var error = Assert.Throws<ArgumentException>(() => CharLanguageModel.Fit(memorized.Text, options));
                Assert.Equal("CheckpointPath", error.ParamName);
                Assert.Contains($"'{path}'", error.Message);
                Assert.Equal(0, epochs);
            }

            Assert.Empty(Directory.GetFileSystemEntries(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void FarTooHighLearningRateStopsTrainingNamingIt()
    {
        var options = MemorizedModel.Options();
        options.LearningRate = 1e6f;
        options.Epochs = 2;
        var error = Assert.Throws<TrainingDivergedException>(() => CharLanguageModel.Fit(memorized.Text, options));
        Assert.Contains("LearningRate = 1000000", error.Message);
    }

    [Theory]
    [InlineData("HiddenSize")]
    [InlineData("NumLayers")]
    [InlineData("EmbeddingSize")]
    [InlineData("SequenceLength")]
    [InlineData("BatchSize")]
    [InlineData("Cell")]
    public void AbsurdSizesAndUndefinedEnumValuesAreRejectedUpFront(string option)
    {
        var options = MemorizedModel.Options();
        var property = typeof(CharLanguageModelOptions).GetProperty(option)!;
        property.SetValue(options, property.PropertyType.IsEnum ? Enum.ToObject(property.PropertyType, 42) : int.MaxValue);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CharLanguageModel.Fit(memorized.Text, options));
        Assert.Equal(option, error.ParamName);
        Assert.Contains($"Option '{option}'", error.Message);
    }

    [Fact]
    public void AbsurdGenerationSizesAreRejectedNamingTheArgument()
    {
        AssertNames("count", () => Model.Complete("the", int.MaxValue));
        AssertNames("maxLength", () => Model.Complete("the", 3, maxLength: int.MaxValue));
        AssertNames("beamWidth", () => Model.Complete("the", 3, beamWidth: int.MaxValue));
        AssertNames("length", () => Model.Generate("the", int.MaxValue));
    }

    [Fact]
    public void CompletionEndsAtTheLengthLimitWhenTheAlphabetHasNoStopCharacter()
    {
        var options = MemorizedModel.Options();
        options.HiddenSize = 8;
        options.EmbeddingSize = 4;
        options.Epochs = 1;
        var model = CharLanguageModel.Fit(string.Concat(Enumerable.Repeat("abcab", 40)), options);
        var completions = model.Complete("ab", count: 2, maxLength: CharLanguageModel.MaxCompletionLength);
        Assert.Equal(2, completions.Count);
        Assert.All(completions, c => Assert.Equal(CharLanguageModel.MaxCompletionLength, c.Text.Length));
    }
}
