using System.Reflection;
using Microsoft.ML.Recurrent.Engine.Training;
using Microsoft.ML.Recurrent.Translation;
using static Microsoft.ML.Recurrent.Tests.TextClassification.ReviewData;

namespace Microsoft.ML.Recurrent.Tests.BadInput;

/// <summary>Bad input tried as a new user would, through the ML.NET estimators: the model's clear errors reach the user intact.</summary>
public class BadInputTests
{
    private readonly MLContext ml = new(seed: 1);

    [Fact]
    public void FarTooHighLearningRateStopsTrainingNamingIt()
    {
        var options = SmallOptions();
        options.LearningRate = 1e6f;
        var data = ml.Data.LoadFromEnumerable(Reviews(40, seed: 5));
        var error = Assert.Throws<TrainingDivergedException>(() => ml.BinaryClassification.Trainers.LstmTextClassifier(options).Fit(data));
        Assert.Contains("LearningRate = 1000000", error.Message);
    }

    /// <summary>Each options class of the ML.NET layer, with a way to create its estimator (which validates the options).</summary>
    public static TheoryData<string> OptionsClasses() => new(Estimators.Keys);

    private static readonly Dictionary<string, (Func<object> Create, Action<MLContext, object> Estimate)> Estimators = new()
    {
        ["forecasting"] = (
            () => new LstmForecastingOptions { OutputColumnName = "Forecast", InputColumnName = "Value", Horizon = 3 },
            (ml, o) => ml.Forecasting.ForecastByLstm((LstmForecastingOptions)o)),
        ["classification"] = (() => SmallOptions(), (ml, o) => ml.BinaryClassification.Trainers.LstmTextClassifier((LstmTextClassifierOptions)o)),
        ["translation"] = (() => new LstmTranslationOptions(), (ml, o) => ml.Transforms.Text.TranslateByLstm((LstmTranslationOptions)o)),
        ["completion"] = (() => new LstmTextCompletionOptions(), (ml, o) => ml.Transforms.Text.CompleteByLstm((LstmTextCompletionOptions)o)),
    };

    [Theory]
    [MemberData(nameof(OptionsClasses))]
    public void UndefinedEnumValuesOfEveryOptionsClassAreRejectedNamingTheOption(string estimator)
    {
        var (create, estimate) = Estimators[estimator];
        var enums = create().GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType.IsEnum && p.CanWrite).ToList();
        Assert.NotEmpty(enums);
        foreach (var property in enums)
        {
            var options = create();
            property.SetValue(options, Enum.ToObject(property.PropertyType, 42));
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => estimate(ml, options));
            Assert.Equal(property.Name, error.ParamName);
            Assert.Contains(property.Name, error.Message);
        }
    }

    [Theory]
    [MemberData(nameof(OptionsClasses))]
    public void AbsurdSizesOfEveryOptionsClassAreRejectedNamingTheOption(string estimator)
    {
        var (create, estimate) = Estimators[estimator];
        string[] sizes =
            ["HiddenSize", "NumLayers", "BatchSize", "EmbeddingDimension", "EmbeddingSize", "MaxVocabularySize", "MaxLength", "Horizon", "LookbackWindow",
             "SeasonalPeriod", "EnsembleSize", "SubwordMerges", "MaxTrainingLength", "AttentionSize", "SequenceLength", "CompletionCount", "MaxCompletionLength"];
        var properties = sizes.Select(create().GetType().GetProperty).OfType<PropertyInfo>().ToList();
        Assert.True(properties.Count >= 4, $"{estimator} has {properties.Count} sizing options");
        foreach (var property in properties)
        {
            var options = create();
            property.SetValue(options, int.MaxValue);
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => estimate(ml, options));
            Assert.Equal(property.Name, error.ParamName);
            Assert.Contains(property.Name, error.Message);
        }
    }

    [Fact]
    public void AbsurdBeamSizeOfTheTranslationDecodingIsRejected()
    {
        var options = new LstmTranslationOptions { Decoding = new DecodingOptions { BeamSize = int.MaxValue } };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.Text.TranslateByLstm(options));
        Assert.Equal("BeamSize", error.ParamName);
    }

    [Fact]
    public void TrainingOnASingleClassIsRejectedNamingTheLabelColumnAndTheClass()
    {
        var positive = ml.Data.LoadFromEnumerable(Reviews(40, seed: 6).Select(r => new Review { Text = r.Text, Label = true }));
        var error = Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.LstmTextClassifier(SmallOptions()).Fit(positive));
        Assert.Contains("Label column 'Label' holds only the value True", error.Message);

        var sport = ml.Data.LoadFromEnumerable(Articles(30, seed: 7).Select(a => new Article { Text = a.Text, Topic = "sport" }));
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Topic").Append(ml.MulticlassClassification.Trainers.LstmTextClassifier(SmallOptions()));
        error = Assert.Throws<ArgumentException>(() => pipeline.Fit(sport));
        Assert.Contains("Label column 'Label' holds only the class 'sport'", error.Message);
    }

    [Fact]
    public void ForecastHorizonPastTheLastRepresentableDateIsRejectedAtFitNamingTheSeries()
    {
        var months = Forecasting.MonthlyPassengers.Load().Take(60).ToList();
        var end = new DateTime(9999, 6, 1);
        var late = months.Select((m, i) => new Forecasting.MonthlyPassengers { Month = end.AddMonths(i - months.Count + 1), Passengers = m.Passengers });
        var options = new LstmForecastingOptions { OutputColumnName = "Forecast", InputColumnName = "Passengers", TimestampColumnName = "Month", Horizon = 12 };
        var error = Assert.Throws<ArgumentException>(() => ml.Forecasting.ForecastByLstm(options).Fit(ml.Data.LoadFromEnumerable(late)));
        Assert.Contains("ends at 9999-06-01 00:00:00: forecasting Horizon = 12 steps of 1 month", error.Message);
    }
}
