using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Text.Vocabularies;

namespace Microsoft.ML.Recurrent.TextGeneration;

public sealed partial class CharLanguageModel
{
    /// <summary>Model kind written to model files.</summary>
    internal const string Kind = "CharLanguageModel";

    /// <summary>Version of the architecture JSON; files from newer versions are refused.</summary>
    internal const int ArchitectureVersion = 1;

    private const string WeightPrefix = "model.";

    /// <summary>Saves the model atomically in the engine's versioned, checksummed model file format.</summary>
    public void Save(string path) => ModelFile.Save(path, ToContents());

    /// <summary>Writes the model at the current position of <paramref name="stream"/>, which is left open.</summary>
    public void Save(Stream stream) => ModelFile.Save(stream, ToContents());

    /// <summary>Loads a model saved by <see cref="Save(string)"/>; it predicts exactly like the saved one.</summary>
    /// <exception cref="ModelFormatException">The file is not a character language model, is from a newer version, or is damaged.</exception>
    public static CharLanguageModel Load(string path) => FromContents(ModelFile.Load(path));

    /// <summary>Reads a model written by <see cref="Save(Stream)"/>.</summary>
    /// <exception cref="ModelFormatException">The data is not a character language model, is from a newer version, or is damaged.</exception>
    public static CharLanguageModel Load(Stream stream) => FromContents(ModelFile.Load(stream));

    private ModelContents ToContents()
    {
        var architecture = new JsonObject
        {
            ["cell"] = options.Cell.ToString(),
            ["hiddenSize"] = options.HiddenSize,
            ["numLayers"] = options.NumLayers,
            ["embeddingSize"] = options.EmbeddingSize,
            ["dropout"] = options.Dropout,
            ["tieEmbeddings"] = options.TieEmbeddings,
            ["sequenceLength"] = options.SequenceLength,
            ["batchSize"] = options.BatchSize,
            ["learningRate"] = options.LearningRate,
            ["seed"] = options.Seed,
            ["vocabulary"] = vocabulary.Vocabulary.ToJson(),
        };
        var contents = ModelArchitecture.Create(Kind, ArchitectureVersion, architecture, typeof(CharLanguageModel));
        if (TrainingResult is { } result)
        {
            contents.SetMetadata("bestEpoch", result.BestEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture));
            contents.SetMetadata("validationLoss", result.Best.ValidationLoss?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "none");
        }

        contents.AddModule(network, WeightPrefix);
        return contents;
    }

    private static CharLanguageModel FromContents(ModelContents contents) => ModelArchitecture.Read(contents, Kind, ArchitectureVersion, json =>
    {
        var options = new CharLanguageModelOptions
        {
            Cell = json.Enum<RecurrentCellType>("cell"),
            HiddenSize = json.Int32("hiddenSize"),
            NumLayers = json.Int32("numLayers"),
            EmbeddingSize = json.Int32("embeddingSize"),
            Dropout = json.Single("dropout"),
            TieEmbeddings = json.Boolean("tieEmbeddings"),
            SequenceLength = json.Int32("sequenceLength"),
            BatchSize = json.Int32("batchSize"),
            LearningRate = json.Single("learningRate"),
            Seed = json.Int32("seed"),
        };
        json.Validate(options.Validate);
        var vocabulary = json.Read("vocabulary", v => new CharacterVocabulary(Vocabulary.FromJson(v)));
        var network = new CharNetwork(vocabulary.Count, options, new RandomSource(options.Seed));
        contents.LoadInto(network, WeightPrefix);
        network.CopyTiedWeight();
        network.Eval();
        return new CharLanguageModel(vocabulary, network, options);
    });
}
