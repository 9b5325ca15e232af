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

    /// <summary>Most past (or future) covariate columns a model file may declare.</summary>
    private const int MaxCovariates = 1_000_000;

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

    /// <summary>Rebuilds a model from its file, checking every section against the others before anything is allocated by size.</summary>
    private static Forecaster Rebuild(ModelContents contents, ArchitectureSection a)
    {
        var settings = a.Section("options");
        var options = OptionsFromJson(settings);
        settings.Validate(options.Validate);
        var layout = ReadLayout(contents, a.Section("layout"), options);
        var series = ReadSeries(contents, a, layout);
        int memberCount = a.Int32("members", 1, ForecasterOptions.MaxEnsembleSize);
        a.Require(options.EnsembleSize is null || options.EnsembleSize == memberCount, "members", $"is {memberCount}, but options.ensembleSize is {options.EnsembleSize}");
        int trainedEpochs = a.Int32("trainedEpochs", 1, options.Epochs);
        var members = new ForecastNetwork[memberCount];
        for (int m = 0; m < members.Length; m++)
        {
            members[m] = new ForecastNetwork(layout, options.Cell, options.HiddenSize, options.NumLayers, options.Dropout, new RandomSource(0));
            contents.LoadInto(members[m], $"member{m}.");
            members[m].Eval();
        }

        return new Forecaster(options, layout, members, series, trainedEpochs);
    }

    /// <summary>Reads the layout and checks it against the options it was resolved from.</summary>
    private static ModelLayout ReadLayout(ModelContents contents, ArchitectureSection l, ForecasterOptions options)
    {
        int pastCount = l.Int32("pastCount", 0, MaxCovariates), futureCount = l.Int32("futureCount", 0, MaxCovariates);
        var step = l.Has("step") ? l.Parse("step", "a time step such as \"ticks:36000000000\" or \"months:1\"", TimeStep.Deserialize) : (TimeStep?)null;
        var layout = new ModelLayout
        {
            Horizon = l.Int32("horizon"),
            Lookback = l.Int32("lookback"),
            Strategy = l.Enum<HorizonStrategy>("strategy"),
            Quantiles = contents.GetTensor("quantiles", -1).Values.ToArray(),
            SeasonalPeriod = l.Int32("seasonalPeriod", 1, ForecasterOptions.MaxSeasonalPeriod),
            Deseasonalize = l.Boolean("deseasonalize"),
            Log = l.Boolean("log"),
            Scaling = l.Enum<ScalingMethod>("scaling"),
            MissingValues = l.Enum<MissingValueHandling>("missingValues"),
            ObservedFlag = l.Boolean("observedFlag"),
            PastCount = pastCount,
            FutureCount = futureCount,
            CalendarCount = l.Int32("calendarCount", 0),
            Step = step,
            CovariateOffsets = contents.GetTensor("covariates.offsets", pastCount + futureCount).Values.ToArray(),
            CovariateScales = contents.GetTensor("covariates.scales", pastCount + futureCount).Values.ToArray(),
        };
        l.Require(layout.Horizon == options.Horizon, "horizon", $"is {layout.Horizon}, but options.horizon is {options.Horizon}");
        l.Require(layout.Lookback == options.ResolvedLookback, "lookback", $"is {layout.Lookback}, but the options give a lookback window of {options.ResolvedLookback}");
        l.Require(layout.Strategy == options.HorizonStrategy, "strategy", $"is {layout.Strategy}, but options.horizonStrategy is {options.HorizonStrategy}");
        l.Require(layout.Scaling == options.Scaling, "scaling", $"is {layout.Scaling}, but options.scaling is {options.Scaling}");
        l.Require(layout.MissingValues == options.MissingValues, "missingValues", $"is {layout.MissingValues}, but options.missingValues is {options.MissingValues}");
        var quantiles = options.Quantiles.Append(0.5f).Distinct().Order().ToArray();
        l.Require(layout.Quantiles.SequenceEqual(quantiles), "quantiles", $"(the tensor) holds [{string.Join(", ", layout.Quantiles)}], but the options give [{string.Join(", ", quantiles)}]");
        l.Require(options.SeasonalPeriod is null || layout.SeasonalPeriod == options.SeasonalPeriod, "seasonalPeriod", $"is {layout.SeasonalPeriod}, but options.seasonalPeriod is {options.SeasonalPeriod}");
        l.Require(!layout.Deseasonalize || (layout.SeasonalPeriod > 1 && options.SeasonalNormalization), "deseasonalize", "is true without a seasonal period above 1 and seasonal normalization");
        l.Require(layout.Log ? options.LogTransform != LogTransformMode.Never : options.LogTransform != LogTransformMode.Always, "log", $"is {layout.Log}, but options.logTransform is {options.LogTransform}");
        l.Require(!layout.ObservedFlag || layout.MissingValues == MissingValueHandling.Mask, "observedFlag", "is true, but missing values are interpolated, not masked");
        l.Require(layout.Strategy == HorizonStrategy.Direct || pastCount == 0, "pastCount", $"is {pastCount}, but a recursive forecaster cannot have past covariates");
        int calendar = options.CalendarFeatures && step is { } s ? CalendarFeatures.Count(s) : 0;
        l.Require(layout.CalendarCount == calendar, "calendarCount", $"is {layout.CalendarCount}, but the options and time step give {calendar} calendar features");
        l.Require(layout.CovariateScales.All(v => v > 0f), "covariates.scales", "(the tensor) holds a scale that is not positive");
        return layout;
    }

    /// <summary>Reads the training series and checks their scaling tensors and timestamps.</summary>
    private static TrainedSeries[] ReadSeries(ModelContents contents, ArchitectureSection a, ModelLayout layout)
    {
        var entries = a.Sections("series");
        a.Require(entries.Count > 0, "series", "is empty, but a model is trained on at least one series");
        var offsets = contents.GetTensor("series.offsets", entries.Count).Values;
        var scales = contents.GetTensor("series.scales", entries.Count).Values;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var series = new TrainedSeries[entries.Count];
        for (int i = 0; i < series.Length; i++)
        {
            var s = entries[i];
            string id = s.String("id");
            s.Require(ids.Add(id), "id", $"is \"{id}\", the id of an earlier series too");
            s.Require(scales[i] > 0f, "id", $"names a series whose scale (series.scales[{i}]) is {scales[i]}, not positive");
            int length = s.Int32("length", 1, RegularSeries.MaxLength);
            var kind = s.Has("kind") ? s.Enum<DateTimeKind>("kind") : DateTimeKind.Unspecified;
            var first = Timestamp(s, "firstTicks", kind);
            var last = Timestamp(s, "lastTicks", kind);
            s.Require((first is null) == (last is null), "lastTicks", "and firstTicks must be both present or both absent");
            s.Require(first is null || layout.Step is null || SameTime(layout.Step.Value, first.Value, length - 1, last!.Value), "lastTicks", $"is not {length - 1} steps of {layout.Step} after firstTicks");
            series[i] = new TrainedSeries(id, length, first, last, new SeriesScaler(layout.Log, offsets[i], scales[i]));
        }

        return series;
    }

    private static DateTime? Timestamp(ArchitectureSection series, string key, DateTimeKind kind) =>
        series.Has(key) ? series.Parse(key, "a tick count of a date", t => new DateTime(long.Parse(t, NumberStyles.None, CultureInfo.InvariantCulture), kind)) : null;

    /// <summary>Whether <paramref name="steps"/> steps after <paramref name="first"/> is <paramref name="last"/> (false when that passes the calendar's end).</summary>
    private static bool SameTime(TimeStep step, DateTime first, int steps, DateTime last)
    {
        try
        {
            return step.Advance(first, steps) == last;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            return false;
        }
    }

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

    private static ForecasterOptions OptionsFromJson(ArchitectureSection j) => new()
    {
        Horizon = j.Int32("horizon"),
        LookbackWindow = j.OptionalInt32("lookbackWindow"),
        Cell = j.Enum<RecurrentCellType>("cell"),
        HiddenSize = j.Int32("hiddenSize"),
        NumLayers = j.Int32("numLayers"),
        Dropout = j.Single("dropout"),
        HorizonStrategy = j.Enum<HorizonStrategy>("horizonStrategy"),
        Scaling = j.Enum<ScalingMethod>("scaling"),
        LogTransform = j.Enum<LogTransformMode>("logTransform"),
        MissingValues = j.Enum<MissingValueHandling>("missingValues"),
        Quantiles = j.Singles("quantiles"),
        SeasonalPeriod = j.OptionalInt32("seasonalPeriod"),
        SeasonalNormalization = j.Boolean("seasonalNormalization"),
        CalendarFeatures = j.Boolean("calendarFeatures"),
        Epochs = j.Int32("epochs"),
        BatchSize = j.Int32("batchSize"),
        LearningRate = j.Single("learningRate"),
        ValidationTail = j.OptionalInt32("validationTail"),
        EarlyStoppingPatience = j.Int32("earlyStoppingPatience"),
        Seed = j.Int32("seed"),
        EnsembleSize = j.OptionalInt32("ensembleSize"),
    };
}
