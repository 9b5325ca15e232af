using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.TextClassification.Input;
using Microsoft.ML.Recurrent.TextClassification.Network;

namespace Microsoft.ML.Recurrent.TextClassification;

public sealed partial class TextClassifier
{
    /// <summary>Model kind written to model files.</summary>
    internal const string Kind = "TextClassifier";

    /// <summary>Version of the classifier's architecture JSON; files from newer versions are refused.</summary>
    internal const int ArchitectureVersion = 1;

    private const string WeightPrefix = "network.";

    /// <summary>
    /// Saves the model atomically in the engine's versioned, checksummed model file format: kind "TextClassifier", an
    /// architecture JSON with the options, the tokenizer and vocabulary (or the token-id vocabulary), and the weights.
    /// </summary>
    public void Save(string path) => ModelFile.Save(path, ToContents());

    /// <summary>Writes the model at the current position of <paramref name="stream"/>, which is left open.</summary>
    public void Save(Stream stream) => ModelFile.Save(stream, ToContents());

    /// <summary>Loads a model saved by <see cref="Save(string)"/>; it predicts bit-identically to the saved one.</summary>
    /// <exception cref="ModelFormatException">The file is not a text classifier, is from a newer version, or is damaged.</exception>
    public static TextClassifier Load(string path) => FromContents(ModelFile.Load(path));

    /// <summary>Reads a model written by <see cref="Save(Stream)"/>.</summary>
    /// <exception cref="ModelFormatException">The data is not a text classifier, is from a newer version, or is damaged.</exception>
    public static TextClassifier Load(Stream stream) => FromContents(ModelFile.Load(stream));

    private ModelContents ToContents()
    {
        var architecture = new JsonObject
        {
            ["options"] = OptionsJson(options),
            ["input"] = input.ToJson(),
            ["classCount"] = ClassCount,
            ["extraFeatureCount"] = ExtraFeatureCount,
            ["embeddingDimension"] = EmbeddingDimension,
        };
        var contents = ModelArchitecture.Create(Kind, ArchitectureVersion, architecture, typeof(TextClassifier));
        contents.AddModule(network, WeightPrefix);
        return contents;
    }

    private static TextClassifier FromContents(ModelContents contents) => ModelArchitecture.Read(contents, Kind, ArchitectureVersion, a =>
    {
        var settings = a.Section("options");
        var options = OptionsFromJson(settings);
        settings.Validate(options.Validate);
        var input = TokenInput.FromJson(a.Section("input"));
        a.Require(input.MaxLength == options.MaxLength, "input.maxLength", $"is {input.MaxLength}, but options.maxLength is {options.MaxLength}");
        int classCount = a.Int32("classCount", 2, TextClassifierOptions.MaxClassCount);
        int extraFeatureCount = a.Int32("extraFeatureCount", 0);
        a.Require((long)extraFeatureCount * classCount <= Array.MaxLength, "extraFeatureCount", $"is {extraFeatureCount}, too many weights for {classCount} classes");
        int dimension = a.Int32("embeddingDimension", 1, SizeLimits.MaxEmbeddingSize);
        a.Require(
            dimension == options.EmbeddingDimension || options.WordVectorsPath is not null,
            "embeddingDimension",
            $"is {dimension}, but options.embeddingDimension is {options.EmbeddingDimension} and no word vectors set it");
        a.Require(
            options.ClassWeights is null || options.ClassWeights.Count == classCount,
            "options.classWeights",
            $"has {options.ClassWeights?.Count} weights for {classCount} classes");
        var network = new ClassifierNetwork(options, input.Vocabulary.Count, dimension, classCount, extraFeatureCount, new RandomSource(0));
        contents.LoadInto(network, WeightPrefix);
        network.Eval();
        return new TextClassifier(options, input, network, extraFeatureCount, dimension);
    });

    private static JsonObject OptionsJson(TextClassifierOptions o) => new()
    {
        ["tokenization"] = o.Tokenization.ToString(),
        ["lowercase"] = o.Lowercase,
        ["keepPunctuation"] = o.KeepPunctuation,
        ["minTokenFrequency"] = o.MinTokenFrequency,
        ["maxVocabularySize"] = o.MaxVocabularySize,
        ["maxLength"] = o.MaxLength,
        ["embeddingDimension"] = o.EmbeddingDimension,
        ["wordVectorsPath"] = o.WordVectorsPath,
        ["cell"] = o.Cell.ToString(),
        ["hiddenSize"] = o.HiddenSize,
        ["numLayers"] = o.NumLayers,
        ["bidirectional"] = o.Bidirectional,
        ["pooling"] = o.Pooling.ToString(),
        ["attentionSize"] = o.AttentionSize,
        ["dropout"] = o.Dropout,
        ["epochs"] = o.Epochs,
        ["batchSize"] = o.BatchSize,
        ["learningRate"] = o.LearningRate,
        ["gradientClipNorm"] = o.GradientClipNorm,
        ["validationFraction"] = o.ValidationFraction,
        ["earlyStoppingPatience"] = o.EarlyStoppingPatience,
        ["balanceClasses"] = o.BalanceClasses,
        ["classWeights"] = o.ClassWeights is null ? null : new JsonArray(o.ClassWeights.Select(w => (JsonNode)w).ToArray()),
        ["seed"] = o.Seed,
    };

    private static TextClassifierOptions OptionsFromJson(ArchitectureSection j) => new()
    {
        Tokenization = j.Enum<TextTokenization>("tokenization"),
        Lowercase = j.Boolean("lowercase"),
        KeepPunctuation = j.Boolean("keepPunctuation"),
        MinTokenFrequency = j.Int32("minTokenFrequency"),
        MaxVocabularySize = j.Int32("maxVocabularySize"),
        MaxLength = j.Int32("maxLength"),
        EmbeddingDimension = j.Int32("embeddingDimension"),
        WordVectorsPath = j.OptionalString("wordVectorsPath"),
        Cell = j.Enum<RecurrentCellType>("cell"),
        HiddenSize = j.Int32("hiddenSize"),
        NumLayers = j.Int32("numLayers"),
        Bidirectional = j.Boolean("bidirectional"),
        Pooling = j.Enum<PoolingMode>("pooling"),
        AttentionSize = j.Int32("attentionSize"),
        Dropout = j.Single("dropout"),
        Epochs = j.Int32("epochs"),
        BatchSize = j.Int32("batchSize"),
        LearningRate = j.Single("learningRate"),
        GradientClipNorm = j.Single("gradientClipNorm"),
        ValidationFraction = j.Single("validationFraction"),
        EarlyStoppingPatience = j.Int32("earlyStoppingPatience"),
        BalanceClasses = j.Boolean("balanceClasses"),
        ClassWeights = j.Has("classWeights") ? j.Singles("classWeights") : null,
        Seed = j.Int32("seed"),
    };
}
