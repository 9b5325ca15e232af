using System.Text.Json.Nodes;
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
        var options = OptionsFromJson(a["options"]!.AsObject());
        var input = TokenInput.FromJson(a["input"]!.AsObject());
        int extraFeatureCount = (int)a["extraFeatureCount"]!, dimension = (int)a["embeddingDimension"]!;
        var network = new ClassifierNetwork(options, input.Vocabulary.Count, dimension, (int)a["classCount"]!, extraFeatureCount, new RandomSource(0));
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

    private static TextClassifierOptions OptionsFromJson(JsonObject j) => new()
    {
        Tokenization = Enum.Parse<TextTokenization>((string)j["tokenization"]!),
        Lowercase = (bool)j["lowercase"]!,
        KeepPunctuation = (bool)j["keepPunctuation"]!,
        MinTokenFrequency = (int)j["minTokenFrequency"]!,
        MaxVocabularySize = (int)j["maxVocabularySize"]!,
        MaxLength = (int)j["maxLength"]!,
        EmbeddingDimension = (int)j["embeddingDimension"]!,
        WordVectorsPath = (string?)j["wordVectorsPath"],
        Cell = Enum.Parse<RecurrentCellType>((string)j["cell"]!),
        HiddenSize = (int)j["hiddenSize"]!,
        NumLayers = (int)j["numLayers"]!,
        Bidirectional = (bool)j["bidirectional"]!,
        Pooling = Enum.Parse<PoolingMode>((string)j["pooling"]!),
        AttentionSize = (int)j["attentionSize"]!,
        Dropout = (float)j["dropout"]!,
        Epochs = (int)j["epochs"]!,
        BatchSize = (int)j["batchSize"]!,
        LearningRate = (float)j["learningRate"]!,
        GradientClipNorm = (float)j["gradientClipNorm"]!,
        ValidationFraction = (float)j["validationFraction"]!,
        EarlyStoppingPatience = (int)j["earlyStoppingPatience"]!,
        BalanceClasses = (bool)j["balanceClasses"]!,
        ClassWeights = j["classWeights"]?.AsArray().Select(w => (float)w!).ToArray(),
        Seed = (int)j["seed"]!,
    };
}
