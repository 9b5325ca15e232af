using Microsoft.ML.Recurrent.Engine.Training;

namespace Microsoft.ML.Recurrent.Translation.Tests;

/// <summary>Bad input tried as a new user would: each gives a clear error naming the option or parameter.</summary>
public class BadInputTests
{
    private static readonly (string[] Sources, string[] Targets) Pairs = SyntheticTasks.Reversal(64, seed: 3);

    private static TranslatorOptions Tiny()
    {
        var options = SyntheticTasks.SmallCharacterModel();
        options.EmbeddingDimension = 8;
        options.HiddenSize = 8;
        options.Epochs = 2;
        options.ValidationFraction = 0f;
        return options;
    }

    [Fact]
    public void FarTooHighLearningRateStopsTrainingNamingIt()
    {
        var options = Tiny();
        options.LearningRate = 1e6f;
        var error = Assert.Throws<TrainingDivergedException>(() => Translator.Fit(Pairs.Sources, Pairs.Targets, options));
        Assert.Contains("LearningRate = 1000000", error.Message);
    }

    [Theory]
    [InlineData("SubwordMerges")]
    [InlineData("MaxVocabularySize")]
    [InlineData("MaxTrainingLength")]
    [InlineData("EmbeddingDimension")]
    [InlineData("HiddenSize")]
    [InlineData("NumLayers")]
    [InlineData("AttentionSize")]
    [InlineData("BatchSize")]
    public void AbsurdSizesAreRejectedUpFrontNamingTheOption(string option)
    {
        var options = Tiny();
        typeof(TranslatorOptions).GetProperty(option)!.SetValue(options, int.MaxValue);
        AssertOption(option, $"TranslatorOptions.{option}", () => Translator.Fit(Pairs.Sources, Pairs.Targets, options));
    }

    [Theory]
    [InlineData("Tokenization")]
    [InlineData("Cell")]
    [InlineData("Attention")]
    [InlineData("TeacherForcing")]
    [InlineData("EarlyStopping")]
    public void UndefinedEnumValuesAreRejectedNamingTheOption(string option)
    {
        var options = Tiny();
        var property = typeof(TranslatorOptions).GetProperty(option)!;
        property.SetValue(options, Enum.ToObject(property.PropertyType, 42));
        AssertOption(option, $"TranslatorOptions.{option} is 42", () => Translator.Fit(Pairs.Sources, Pairs.Targets, options));
    }

    [Fact]
    public void AbsurdDecodingSizesAreRejectedNamingTheSetting()
    {
        var options = Tiny();
        options.Epochs = 1;
        var model = Translator.Fit(Pairs.Sources, Pairs.Targets, options);
        string source = Pairs.Sources[0];
        AssertOption("BeamSize", "BeamSize is 2147483647", () => model.Translate(source, new DecodingOptions { BeamSize = int.MaxValue }));
        AssertOption("MaxLength", "MaxLength is 2147483647", () => model.Translate(source, new DecodingOptions { MaxLength = int.MaxValue }));
        AssertOption("NoRepeatNGramSize", "NoRepeatNGramSize", () => model.Translate(source, new DecodingOptions { NoRepeatNGramSize = int.MaxValue }));
        AssertOption("count", "'count' is 2147483647", () => model.TranslateNBest(source, int.MaxValue));
        Assert.NotNull(model.Translate(source, new DecodingOptions { BeamSize = 2, MaxLength = DecodingOptions.MaxLengthLimit }).Text);
    }

    private static void AssertOption(string parameter, string named, Action action)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(action);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(named, error.Message);
    }
}
