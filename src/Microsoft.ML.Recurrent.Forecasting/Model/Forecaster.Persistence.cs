using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Forecasting;

public sealed partial class Forecaster
{
    /// <summary>Model kind written to model files.</summary>
    internal const string Kind = "Forecaster";

    /// <summary>Version of the forecaster's architecture JSON; files from newer versions are refused.</summary>
    internal const int ArchitectureVersion = 1;

    /// <summary>
    /// Saves the model atomically in the engine's versioned, checksummed model file format: kind "Forecaster", an
    /// architecture JSON with every option and the resolved encoding, the series' scaling and every member's weights.
    /// </summary>
    public void Save(string path) => ModelFile.Save(path, ToContents());

    /// <summary>Writes the model at the current position of <paramref name="stream"/>, which is left open.</summary>
    public void Save(Stream stream) => ModelFile.Save(stream, ToContents());

    /// <summary>Loads a model saved by <see cref="Save(string)"/>; it predicts bit-identically to the saved one.</summary>
    /// <exception cref="ModelFormatException">The file is not a forecaster, is from a newer version, or is damaged.</exception>
    public static Forecaster Load(string path) => FromContents(ModelFile.Load(path));

    /// <summary>Reads a model written by <see cref="Save(Stream)"/>.</summary>
    /// <exception cref="ModelFormatException">The data is not a forecaster, is from a newer version, or is damaged.</exception>
    public static Forecaster Load(Stream stream) => FromContents(ModelFile.Load(stream));

    private ModelContents ToContents()
    {
        var architecture = new JsonObject
        {
            ["options"] = OptionsJson(options),
            ["layout"] = new JsonObject
            {
                ["horizon"] = layout.Horizon,
                ["lookback"] = layout.Lookback,
                ["strategy"] = layout.Strategy.ToString(),
                ["seasonalPeriod"] = layout.SeasonalPeriod,
                ["deseasonalize"] = layout.Deseasonalize,
                ["log"] = layout.Log,
                ["scaling"] = layout.Scaling.ToString(),
                ["missingValues"] = layout.MissingValues.ToString(),
                ["observedFlag"] = layout.ObservedFlag,
                ["pastCount"] = layout.PastCount,
                ["futureCount"] = layout.FutureCount,
                ["calendarCount"] = layout.CalendarCount,
                ["step"] = layout.Step?.Serialize(),
            },
            ["members"] = members.Length,
            ["trainedEpochs"] = TrainedEpochs,
            ["series"] = new JsonArray(Series.Select(s => (JsonNode)new JsonObject
            {
                ["id"] = s.Id,
                ["length"] = s.Length,
                ["firstTicks"] = s.FirstTimestamp?.Ticks.ToString(CultureInfo.InvariantCulture),
                ["lastTicks"] = s.LastTimestamp?.Ticks.ToString(CultureInfo.InvariantCulture),
                ["kind"] = s.FirstTimestamp?.Kind.ToString(),
            }).ToArray()),
        };
        var contents = ModelArchitecture.Create(Kind, ArchitectureVersion, architecture, typeof(Forecaster));
        contents.AddTensor("quantiles", Tensor.FromArray(layout.Quantiles, layout.Quantiles.Length));
        contents.AddTensor("covariates.offsets", Tensor.FromArray(layout.CovariateOffsets, layout.CovariateOffsets.Length));
        contents.AddTensor("covariates.scales", Tensor.FromArray(layout.CovariateScales, layout.CovariateScales.Length));
        contents.AddTensor("series.offsets", Tensor.FromArray(Series.Select(s => s.Scaler.Offset).ToArray(), Series.Count));
        contents.AddTensor("series.scales", Tensor.FromArray(Series.Select(s => s.Scaler.Scale).ToArray(), Series.Count));
        for (int m = 0; m < members.Length; m++)
        {
            contents.AddModule(members[m], $"member{m}.");
        }

        return contents;
    }

    private static Forecaster FromContents(ModelContents contents) => ModelArchitecture.Read(contents, Kind, ArchitectureVersion, a => Rebuild(contents, a));

    private static Forecaster Rebuild(ModelContents contents, JsonObject a)
    {
        var options = OptionsFromJson(a["options"]!.AsObject());
        var l = a["layout"]!.AsObject();
        var layout = new ModelLayout
        {
            Horizon = (int)l["horizon"]!,
            Lookback = (int)l["lookback"]!,
            Strategy = Enum.Parse<HorizonStrategy>((string)l["strategy"]!),
            Quantiles = contents.GetTensor("quantiles").Values.ToArray(),
            SeasonalPeriod = (int)l["seasonalPeriod"]!,
            Deseasonalize = (bool)l["deseasonalize"]!,
            Log = (bool)l["log"]!,
            Scaling = Enum.Parse<ScalingMethod>((string)l["scaling"]!),
            MissingValues = Enum.Parse<MissingValueHandling>((string)l["missingValues"]!),
            ObservedFlag = (bool)l["observedFlag"]!,
            PastCount = (int)l["pastCount"]!,
            FutureCount = (int)l["futureCount"]!,
            CalendarCount = (int)l["calendarCount"]!,
            Step = l["step"] is { } step ? TimeStep.Deserialize((string)step!) : null,
            CovariateOffsets = contents.GetTensor("covariates.offsets").Values.ToArray(),
            CovariateScales = contents.GetTensor("covariates.scales").Values.ToArray(),
        };
        var offsets = contents.GetTensor("series.offsets").Values.ToArray();
        var scales = contents.GetTensor("series.scales").Values.ToArray();
        var series = a["series"]!.AsArray().Select((node, i) =>
        {
            var s = node!.AsObject();
            var kind = s["kind"] is { } k ? Enum.Parse<DateTimeKind>((string)k!) : DateTimeKind.Unspecified;
            return new TrainedSeries(
                (string)s["id"]!, (int)s["length"]!, Timestamp(s["firstTicks"], kind), Timestamp(s["lastTicks"], kind),
                new SeriesScaler(layout.Log, offsets[i], scales[i]));
        }).ToArray();
        var members = new ForecastNetwork[(int)a["members"]!];
        for (int m = 0; m < members.Length; m++)
        {
            members[m] = new ForecastNetwork(layout, options.Cell, options.HiddenSize, options.NumLayers, options.Dropout, new RandomSource(0));
            contents.LoadInto(members[m], $"member{m}.");
            members[m].Eval();
        }

        return new Forecaster(options, layout, members, series, (int)a["trainedEpochs"]!);
    }

    private static DateTime? Timestamp(JsonNode? ticks, DateTimeKind kind) =>
        ticks is null ? null : new DateTime(long.Parse((string)ticks!, CultureInfo.InvariantCulture), kind);

    private static JsonObject OptionsJson(ForecasterOptions o) => new()
    {
        ["horizon"] = o.Horizon,
        ["lookbackWindow"] = o.LookbackWindow,
        ["cell"] = o.Cell.ToString(),
        ["hiddenSize"] = o.HiddenSize,
        ["numLayers"] = o.NumLayers,
        ["dropout"] = o.Dropout,
        ["horizonStrategy"] = o.HorizonStrategy.ToString(),
        ["scaling"] = o.Scaling.ToString(),
        ["logTransform"] = o.LogTransform.ToString(),
        ["missingValues"] = o.MissingValues.ToString(),
        ["quantiles"] = new JsonArray(o.Quantiles.Select(q => (JsonNode)q).ToArray()),
        ["seasonalPeriod"] = o.SeasonalPeriod,
        ["seasonalNormalization"] = o.SeasonalNormalization,
        ["calendarFeatures"] = o.CalendarFeatures,
        ["epochs"] = o.Epochs,
        ["batchSize"] = o.BatchSize,
        ["learningRate"] = o.LearningRate,
        ["validationTail"] = o.ValidationTail,
        ["earlyStoppingPatience"] = o.EarlyStoppingPatience,
        ["seed"] = o.Seed,
        ["ensembleSize"] = o.EnsembleSize,
    };

    private static ForecasterOptions OptionsFromJson(JsonObject j) => new()
    {
        Horizon = (int)j["horizon"]!,
        LookbackWindow = (int?)j["lookbackWindow"],
        Cell = Enum.Parse<RecurrentCellType>((string)j["cell"]!),
        HiddenSize = (int)j["hiddenSize"]!,
        NumLayers = (int)j["numLayers"]!,
        Dropout = (float)j["dropout"]!,
        HorizonStrategy = Enum.Parse<HorizonStrategy>((string)j["horizonStrategy"]!),
        Scaling = Enum.Parse<ScalingMethod>((string)j["scaling"]!),
        LogTransform = Enum.Parse<LogTransformMode>((string)j["logTransform"]!),
        MissingValues = Enum.Parse<MissingValueHandling>((string)j["missingValues"]!),
        Quantiles = j["quantiles"]!.AsArray().Select(q => (float)q!).ToArray(),
        SeasonalPeriod = (int?)j["seasonalPeriod"],
        SeasonalNormalization = (bool)j["seasonalNormalization"]!,
        CalendarFeatures = (bool)j["calendarFeatures"]!,
        Epochs = (int)j["epochs"]!,
        BatchSize = (int)j["batchSize"]!,
        LearningRate = (float)j["learningRate"]!,
        ValidationTail = (int?)j["validationTail"],
        EarlyStoppingPatience = (int)j["earlyStoppingPatience"]!,
        Seed = (int)j["seed"]!,
        EnsembleSize = (int?)j["ensembleSize"],
    };
}
