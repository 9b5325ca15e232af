using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.TextClassification;
using Microsoft.ML.Recurrent.Tests.Shared;
using static Microsoft.ML.Recurrent.Tests.Shared.ModelFileSurgery;

namespace Microsoft.ML.Recurrent.TextClassification.Tests;

/// <summary>Inconsistent, hand-edited and truncated classifier files are refused at load with a message naming what is wrong.</summary>
public class BadModelFileTests
{
    private static readonly Lazy<TextClassifier> Model = new(() =>
    {
        var (texts, labels) = SyntheticTexts.Sentiment(40, seed: 32);
        var options = SyntheticTexts.Quick();
        options.Epochs = 1;
        return TextClassifier.Fit(texts, labels, 2, options);
    });

    public static TheoryData<Damage> Damages() =>
    [
        new("weights for another class count", (a, _) => Set(a, "classCount", 3), "'network.head.weight' has shape [2, 32] in the TextClassifier model, but the module expects [3, 32]"),
        new("missing key", (a, _) => Remove(a, "embeddingDimension"), "has no 'embeddingDimension'"),
        new("string where the hidden size should be", (a, _) => Set(a, "options.hiddenSize", "sixteen"), "'options.hiddenSize' is the string \"sixteen\", but an integer was expected"),
        new("negative maximum length in the options", (a, _) => Set(a, "options.maxLength", -5), "'options.maxLength' is invalid: TextClassifierOptions.MaxLength must be at least 1"),
        new("negative maximum length of the input", (a, _) => Set(a, "input.maxLength", -5), "'input.maxLength' is -5, but an integer from 1 to 100000 was expected"),
        new("input length disagreeing with the options", (a, _) => Set(a, "input.maxLength", 7), "'input.maxLength' is 7, but options.maxLength is 400"),
        new("unknown input kind", (a, _) => Set(a, "input.kind", "audio"), "'input.kind' is \"audio\""),
        new("undefined pooling", (a, _) => Set(a, "options.pooling", "Median"), "'options.pooling' is \"Median\", but one of Last, Max, Mean, Attention was expected"),
        new("embedding width disagreeing with the options", (a, _) => Set(a, "embeddingDimension", 12), "'embeddingDimension' is 12, but options.embeddingDimension is 16"),
        new("vocabulary without its special tokens", (a, _) => Get(a, "input.encoder.vocabulary.tokens").AsArray().RemoveAt(0), "'input.encoder' cannot be read"),
        new("class weights for another class count", (a, _) => Set(a, "options.classWeights", new System.Text.Json.Nodes.JsonArray(1, 2, 3)), "'options.classWeights' has 3 weights for 2 classes"),
        new("missing weights", (_, t) => t.Remove("network.head.bias"), "missing from the TextClassifier model: network.head.bias"),
    ];

    [Theory]
    [MemberData(nameof(Damages))]
    public void DamagedFileIsRefusedNamingWhatIsWrong(Damage damage)
    {
        using var file = Edit(Model.Value.Save, damage.Edit);
        var error = Assert.Throws<ModelFormatException>(() => TextClassifier.Load(file));
        Assert.True(error.Message.Contains(damage.Expected), error.Message);
    }

    [Fact]
    public void TokenIdVocabularyOutsideTheExternalVocabularyIsRefused()
    {
        var model = TrainedModels.TokenIdModelAndIds.Model;
        using var file = Edit(model.Save, (a, _) => Set(a, "input.vocabularySize", 2));
        var error = Assert.Throws<ModelFormatException>(() => TextClassifier.Load(file));
        Assert.True(error.Message.Contains("'input.vocabulary' has \"") && error.Message.Contains("which is not a token id in [0, 2)"), error.Message);

        using var names = Edit(model.Save, (a, _) => Get(a, "input.tokenNames").AsArray().RemoveAt(0));
        error = Assert.Throws<ModelFormatException>(() => TextClassifier.Load(names));
        Assert.Contains($"'input.tokenNames' has {TrainedModels.Names.Length - 1} names for {TrainedModels.Names.Length} token ids", error.Message);
    }

    [Fact]
    public void TruncatedFileIsRefused()
    {
        using var file = Truncated(Model.Value.Save);
        Assert.Contains("truncated", Assert.Throws<ModelFormatException>(() => TextClassifier.Load(file)).Message);
    }

    [Fact]
    public void UndamagedFileStillLoads()
    {
        using var file = Edit(Model.Value.Save, (_, _) => { });
        Assert.Equal(Model.Value.Predict("good film").Probabilities, TextClassifier.Load(file).Predict("good film").Probabilities);
    }

    [Fact]
    public void DirectoryAsTheModelPathIsSaidToBeADirectory()
    {
        var error = Assert.Throws<IOException>(() => TextClassifier.Load(Path.GetTempPath()));
        Assert.Contains("is a directory", error.Message);
    }
}
