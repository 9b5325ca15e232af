using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Tests.Shared;
using static Microsoft.ML.Recurrent.Tests.Shared.ModelFileSurgery;

namespace Microsoft.ML.Recurrent.TextGeneration.Tests;

/// <summary>Inconsistent, hand-edited and truncated character-model files are refused at load with a message naming what is wrong.</summary>
public class BadModelFileTests
{
    private static readonly Lazy<CharLanguageModel> Model = new(() =>
    {
        var options = MemorizedModel.Options();
        options.HiddenSize = 8;
        options.EmbeddingSize = 4;
        options.Epochs = 1;
        return CharLanguageModel.Fit(string.Concat(Enumerable.Repeat(MemorizedModel.Period, 10)), options);
    });

    public static TheoryData<Damage> Damages() =>
    [
        new("vocabulary with a multi-character entry", (a, _) => Set(a, "vocabulary.tokens[4]", "ab"), "'vocabulary' cannot be read: Token 4 of the character vocabulary is \"ab\", which is not a single character"),
        new("weights for another embedding width", (a, _) => Set(a, "embeddingSize", 5), "'model.embedding.weight' has shape"),
        new("missing key", (a, _) => Remove(a, "hiddenSize"), "has no 'hiddenSize'"),
        new("string where the hidden size should be", (a, _) => Set(a, "hiddenSize", "8"), "'hiddenSize' is the string \"8\", but an integer was expected"),
        new("undefined cell", (a, _) => Set(a, "cell", "Transformer"), "'cell' is \"Transformer\", but one of Lstm, Gru was expected"),
        new("zero layers", (a, _) => Set(a, "numLayers", 0), "'numLayers' is invalid: Option 'NumLayers' is 0"),
        new("architecture from a newer library", (a, _) => Set(a, "architectureVersion", 99), "architecture version 99"),
    ];

    [Theory]
    [MemberData(nameof(Damages))]
    public void DamagedFileIsRefusedNamingWhatIsWrong(Damage damage)
    {
        using var file = Edit(Model.Value.Save, damage.Edit);
        var error = Assert.Throws<ModelFormatException>(() => CharLanguageModel.Load(file));
        Assert.True(error.Message.Contains(damage.Expected), error.Message);
    }

    [Fact]
    public void TruncatedFileIsRefused()
    {
        using var file = Truncated(Model.Value.Save);
        Assert.Contains("truncated", Assert.Throws<ModelFormatException>(() => CharLanguageModel.Load(file)).Message);
    }

    [Fact]
    public void UndamagedFileStillLoads()
    {
        using var file = Edit(Model.Value.Save, (_, _) => { });
        Assert.Equal(Model.Value.Complete("th").Select(c => c.Text), CharLanguageModel.Load(file).Complete("th").Select(c => c.Text));
    }

    [Fact]
    public void DirectoryAsTheModelPathIsSaidToBeADirectory()
    {
        var error = Assert.Throws<IOException>(() => CharLanguageModel.Load(Path.GetTempPath()));
        Assert.Contains("is a directory", error.Message);
    }
}
