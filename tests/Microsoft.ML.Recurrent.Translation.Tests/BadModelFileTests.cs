using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Tests.Shared;
using static Microsoft.ML.Recurrent.Tests.Shared.ModelFileSurgery;

namespace Microsoft.ML.Recurrent.Translation.Tests;

/// <summary>Inconsistent, hand-edited and truncated translator files are refused at load with a message naming what is wrong.</summary>
public class BadModelFileTests
{
    private static readonly Lazy<Translator> Model = new(() =>
    {
        var (sources, targets) = SyntheticTasks.Reversal(64, seed: 4);
        var options = SyntheticTasks.SmallCharacterModel();
        options.EmbeddingDimension = 8;
        options.HiddenSize = 8;
        options.Epochs = 1;
        options.ValidationFraction = 0f;
        return Translator.Fit(sources, targets, options);
    });

    public static TheoryData<Damage> Damages() =>
    [
        new("weights for another embedding width", (a, _) => Set(a, "options.embeddingDimension", 6), "do not match the parameters of module"),
        new("target vocabulary with a token less", (a, _) => Get(a, "target.vocabulary.tokens").AsArray().RemoveAt(5), "in the Translator model, but the module expects"),
        new("missing section", (a, _) => Remove(a, "source"), "has no 'source'"),
        new("boolean where the layer count should be", (a, _) => Set(a, "options.numLayers", true), "'options.numLayers' is the boolean true, but an integer was expected"),
        new("undefined attention", (a, _) => Set(a, "options.attention", "Telepathy"), "'options.attention' is \"Telepathy\", but one of None, Bahdanau, Luong, LuongDot was expected"),
        new("odd hidden size with a bidirectional encoder", (a, _) => Set(a, "options.hiddenSize", 9), "'options.hiddenSize' is invalid: HiddenSize must be even"),
        new("tokenizer without its kind", (a, _) => Remove(a, "target.tokenizer.kind"), "'target' cannot be read"),
    ];

    [Theory]
    [MemberData(nameof(Damages))]
    public void DamagedFileIsRefusedNamingWhatIsWrong(Damage damage)
    {
        using var file = Edit(Model.Value.Save, damage.Edit);
        var error = Assert.Throws<ModelFormatException>(() => Translator.Load(file));
        Assert.True(error.Message.Contains(damage.Expected), error.Message);
    }

    [Fact]
    public void TruncatedFileIsRefused()
    {
        using var file = Truncated(Model.Value.Save);
        Assert.Contains("truncated", Assert.Throws<ModelFormatException>(() => Translator.Load(file)).Message);
    }

    [Fact]
    public void UndamagedFileStillLoads()
    {
        using var file = Edit(Model.Value.Save, (_, _) => { });
        Assert.Equal(Model.Value.Translate("abc").Text, Translator.Load(file).Translate("abc").Text);
    }

    [Fact]
    public void DirectoryAsTheModelPathIsSaidToBeADirectory()
    {
        var error = Assert.Throws<IOException>(() => Translator.Load(Path.GetTempPath()));
        Assert.Contains("is a directory", error.Message);
    }
}
