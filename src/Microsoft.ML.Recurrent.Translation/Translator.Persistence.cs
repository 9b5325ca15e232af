using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Text.Pipeline;
using Microsoft.ML.Recurrent.Translation.Network;

namespace Microsoft.ML.Recurrent.Translation;

public sealed partial class Translator
{
    /// <summary>Model kind written to model files.</summary>
    internal const string Kind = "Translator";

    /// <summary>Version of the translator's architecture JSON; files from newer versions are refused.</summary>
    internal const int ArchitectureVersion = 1;

    private const string WeightPrefix = "network.";

    /// <summary>
    /// Saves the model atomically in the engine's versioned, checksummed model file format: kind "Translator", an
    /// architecture JSON with the options and both sides' text pipelines, and the weights.
    /// </summary>
    public void Save(string path) => ModelFile.Save(path, ToContents());

    /// <summary>Writes the model at the current position of <paramref name="stream"/>, which is left open.</summary>
    public void Save(Stream stream) => ModelFile.Save(stream, ToContents());

    /// <summary>Loads a model saved by <see cref="Save(string)"/>; it translates exactly like the saved one.</summary>
    /// <exception cref="ModelFormatException">The file is not a translator, is from a newer version, or is damaged.</exception>
    public static Translator Load(string path) => FromContents(ModelFile.Load(path));

    /// <summary>Reads a model written by <see cref="Save(Stream)"/>.</summary>
    /// <exception cref="ModelFormatException">The data is not a translator, is from a newer version, or is damaged.</exception>
    public static Translator Load(Stream stream) => FromContents(ModelFile.Load(stream));

    private ModelContents ToContents()
    {
        var architecture = new JsonObject
        {
            ["options"] = OptionsJson(options),
            ["source"] = SourceEncoder.ToJson(),
            ["target"] = TargetEncoder.ToJson(),
        };
        var contents = ModelArchitecture.Create(Kind, ArchitectureVersion, architecture, typeof(Translator));
        contents.AddModule(network, WeightPrefix);
        return contents;
    }

    private static Translator FromContents(ModelContents contents) => ModelArchitecture.Read(contents, Kind, ArchitectureVersion, a =>
    {
        var settings = a.Section("options");
        var options = OptionsFromJson(settings);
        settings.Validate(options.Validate);
        var source = a.Read("source", TextEncoder.FromJson);
        var target = a.Read("target", TextEncoder.FromJson);
        var network = new Seq2SeqNetwork(options, source.Vocabulary.Count, target.Vocabulary.Count, new RandomSource(0));
        contents.LoadInto(network, WeightPrefix);
        network.Eval();
        return new Translator(options, source, target, network, []);
    });

    private static JsonObject OptionsJson(TranslatorOptions o) => new()
    {
        ["tokenization"] = o.Tokenization.ToString(),
        ["subwordMerges"] = o.SubwordMerges,
        ["lowercase"] = o.Lowercase,
        ["minTokenFrequency"] = o.MinTokenFrequency,
        ["maxVocabularySize"] = o.MaxVocabularySize,
        ["maxTrainingLength"] = o.MaxTrainingLength,
        ["cell"] = o.Cell.ToString(),
        ["embeddingDimension"] = o.EmbeddingDimension,
        ["hiddenSize"] = o.HiddenSize,
        ["numLayers"] = o.NumLayers,
        ["bidirectional"] = o.Bidirectional,
        ["attention"] = o.Attention.ToString(),
        ["attentionSize"] = o.AttentionSize,
        ["inputFeeding"] = o.InputFeeding,
        ["dropout"] = o.Dropout,
        ["tieEmbeddings"] = o.TieEmbeddings,
        ["epochs"] = o.Epochs,
        ["batchSize"] = o.BatchSize,
        ["learningRate"] = o.LearningRate,
        ["gradientClipNorm"] = o.GradientClipNorm,
        ["labelSmoothing"] = o.LabelSmoothing,
        ["teacherForcing"] = o.TeacherForcing.ToString(),
        ["teacherForcingStart"] = o.TeacherForcingStart,
        ["teacherForcingDecay"] = o.TeacherForcingDecay,
        ["teacherForcingMinimum"] = o.TeacherForcingMinimum,
        ["earlyStopping"] = o.EarlyStopping.ToString(),
        ["earlyStoppingPatience"] = o.EarlyStoppingPatience,
        ["validationFraction"] = o.ValidationFraction,
        ["timeBudgetSeconds"] = o.TimeBudget?.TotalSeconds,
        ["seed"] = o.Seed,
    };

    private static TranslatorOptions OptionsFromJson(ArchitectureSection j) => new()
    {
        Tokenization = j.Enum<TranslationTokenization>("tokenization"),
        SubwordMerges = j.Int32("subwordMerges"),
        Lowercase = j.Boolean("lowercase"),
        MinTokenFrequency = j.Int32("minTokenFrequency"),
        MaxVocabularySize = j.Int32("maxVocabularySize"),
        MaxTrainingLength = j.Int32("maxTrainingLength"),
        Cell = j.Enum<RecurrentCellType>("cell"),
        EmbeddingDimension = j.Int32("embeddingDimension"),
        HiddenSize = j.Int32("hiddenSize"),
        NumLayers = j.Int32("numLayers"),
        Bidirectional = j.Boolean("bidirectional"),
        Attention = j.Enum<AttentionType>("attention"),
        AttentionSize = j.Int32("attentionSize"),
        InputFeeding = j.Boolean("inputFeeding"),
        Dropout = j.Single("dropout"),
        TieEmbeddings = j.Boolean("tieEmbeddings"),
        Epochs = j.Int32("epochs"),
        BatchSize = j.Int32("batchSize"),
        LearningRate = j.Single("learningRate"),
        GradientClipNorm = j.Single("gradientClipNorm"),
        LabelSmoothing = j.Single("labelSmoothing"),
        TeacherForcing = j.Enum<TeacherForcingSchedule>("teacherForcing"),
        TeacherForcingStart = j.Single("teacherForcingStart"),
        TeacherForcingDecay = j.Single("teacherForcingDecay"),
        TeacherForcingMinimum = j.Single("teacherForcingMinimum"),
        EarlyStopping = j.Enum<EarlyStoppingMetric>("earlyStopping"),
        EarlyStoppingPatience = j.Int32("earlyStoppingPatience"),
        ValidationFraction = j.Single("validationFraction"),
        TimeBudget = j.OptionalDouble("timeBudgetSeconds") is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        Seed = j.Int32("seed"),
    };
}
