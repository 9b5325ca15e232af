using Microsoft.ML.Recurrent.Tests.Conformance;
using Microsoft.ML.Recurrent.Translation;

namespace Microsoft.ML.Recurrent.Tests.Translation;

/// <summary>The translation transform in ML.NET pipelines, on a small word-for-word "language" it can learn in seconds.</summary>
public class LstmTranslationTests
{
    private static readonly string[] English = ["one", "two", "three", "four", "five", "six"];
    private static readonly string[] Russian = ["один", "два", "три", "четыре", "пять", "шесть"];

    private sealed class Pair
    {
        public string English { get; set; } = string.Empty;

        public string Russian { get; set; } = string.Empty;
    }

    private sealed class Output
    {
        public string Translation { get; set; } = string.Empty;
    }

    private sealed class NumericSource
    {
        public float English { get; set; }

        public string Russian { get; set; } = string.Empty;
    }

    /// <summary>Sentences of 1–4 number words, translated word by word.</summary>
    private static Pair[] Pairs(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            int[] words = Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(English.Length)).ToArray();
            return new Pair { English = string.Join(' ', words.Select(w => English[w])), Russian = string.Join(' ', words.Select(w => Russian[w])) };
        }).ToArray();
    }

    private static LstmTranslationOptions SmallOptions() => new()
    {
        SourceColumnName = "English",
        TargetColumnName = "Russian",
        Tokenization = TranslationTokenization.Words,
        EmbeddingDimension = 16,
        HiddenSize = 32,
        Epochs = 40,
        BatchSize = 32,
        LearningRate = 1e-2f,
        Dropout = 0f,
        LabelSmoothing = 0f,
        ValidationFraction = 0f,
        Decoding = new DecodingOptions { BeamSize = 3 },
    };

    [Fact]
    public void TranslatesLearnedPairsAndPassesTheWorkout()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(Pairs(400, seed: 1));
        var invalid = ml.Data.LoadFromEnumerable(new[] { new NumericSource { English = 1f, Russian = "один" } });

        var model = EstimatorConformance.Check(ml, ml.Transforms.Text.TranslateByLstm(SmallOptions()), train, invalid, "English", Predict);

        var test = Pairs(50, seed: 2);
        var translations = ml.Data.CreateEnumerable<Output>(model.Transform(ml.Data.LoadFromEnumerable(test)), reuseRowObject: false).Select(o => o.Translation).ToList();
        int exact = translations.Where((t, i) => t == test[i].Russian).Count();
        Assert.True(exact >= 45, $"{exact} of 50 exact: {string.Join(" | ", translations.Take(5))}");
    }

    [Fact]
    public void TransformerTranslatesWithItsDecodingSettingsAndNeedsOnlyTheSource()
    {
        var ml = new MLContext(seed: 1);
        var options = SmallOptions();
        options.Epochs = 2;
        var model = ml.Transforms.Text.TranslateByLstm(options).Fit(ml.Data.LoadFromEnumerable(Pairs(60, seed: 3)));
        Assert.Equal(3, model.Decoding.BeamSize);
        var sourceOnly = ml.Data.LoadFromEnumerable(new[] { new { English = "one two" } });
        string translated = ml.Data.CreateEnumerable<Output>(model.Transform(sourceOnly), reuseRowObject: false).Single().Translation;
        Assert.Equal(model.Model.Translate("one two", model.Decoding).Text, translated);
    }

    [Fact]
    public void BlankSourceAtTranslationNamesTheRow()
    {
        var ml = new MLContext(seed: 1);
        var options = SmallOptions();
        options.Epochs = 1;
        var model = ml.Transforms.Text.TranslateByLstm(options).Fit(ml.Data.LoadFromEnumerable(Pairs(30, seed: 4)));
        var rows = Pairs(3, seed: 5);
        rows[1].English = " ";
        var error = Assert.Throws<InvalidOperationException>(() => EstimatorConformance.ReadAll(model.Transform(ml.Data.LoadFromEnumerable(rows))));
        Assert.Contains("Row 1 of column 'English'", error.Message);
    }

    [Fact]
    public void MissingTargetColumnIsNamed()
    {
        var ml = new MLContext(seed: 1);
        var options = SmallOptions();
        options.TargetColumnName = "German";
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.Text.TranslateByLstm(options).Fit(ml.Data.LoadFromEnumerable(Pairs(5, seed: 6))));
        Assert.Contains("Column 'German' (target text) was not found", error.Message);
    }

    [Fact]
    public void InvalidDecodingIsRejectedUpFront()
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.Text.TranslateByLstm(beamSize: 0));
        Assert.Equal("BeamSize", error.ParamName);
    }

    private static IReadOnlyList<object[]> Predict(ITransformer model, IDataView data)
    {
        var ml = new MLContext();
        var engine = ml.Model.CreatePredictionEngine<Pair, Output>(model);
        return ml.Data.CreateEnumerable<Pair>(data, reuseRowObject: false).Select(engine.Predict).Select(o => new object[] { o.Translation }).ToList();
    }
}
