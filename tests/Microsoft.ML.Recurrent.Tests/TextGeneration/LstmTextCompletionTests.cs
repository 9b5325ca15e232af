using Microsoft.ML.Data;
using Microsoft.ML.Recurrent.Tests.Conformance;

namespace Microsoft.ML.Recurrent.Tests.TextGeneration;

/// <summary>The completion transform in ML.NET pipelines, on a tiny corpus a small model memorises in seconds.</summary>
public class LstmTextCompletionTests
{
    private static readonly string[] Lines =
    [
        "the cat sat on the mat.",
        "the dog ran to the park.",
        "a cat likes warm milk.",
        "the park is green.",
    ];

    private sealed class Line
    {
        public string Text { get; set; } = string.Empty;
    }

    private sealed class Completed
    {
        public string Completion { get; set; } = string.Empty;

        [VectorType(3)]
        public string[] Completions { get; set; } = [];
    }

    private sealed class NumericText
    {
        public float Text { get; set; }
    }

    private static IDataView Corpus(MLContext ml, int repeats = 40) =>
        ml.Data.LoadFromEnumerable(Enumerable.Repeat(Lines, repeats).SelectMany(l => l).Select(t => new Line { Text = t }));

    private static LstmTextCompletionOptions SmallOptions() => new()
    {
        CompletionsColumnName = "Completions",
        CompletionCount = 3,
        HiddenSize = 48,
        NumLayers = 1,
        EmbeddingSize = 16,
        Dropout = 0f,
        SequenceLength = 24,
        BatchSize = 8,
        LearningRate = 1e-2f,
        Epochs = 12,
        TimeBudget = null,
        ValidationFraction = 0.1f,
        EarlyStoppingPatience = 0,
    };

    [Fact]
    public void CompletesMemorisedWordsAndPassesTheWorkout()
    {
        var ml = new MLContext(seed: 1);
        var prompts = ml.Data.LoadFromEnumerable(new[] { "the cat sat on the m", "the dog ran to the pa", "a cat likes warm mi" }.Select(t => new Line { Text = t }));
        var invalid = ml.Data.LoadFromEnumerable(new[] { new NumericText { Text = 1f } });
        var estimator = ml.Transforms.Text.CompleteByLstm(SmallOptions());

        var model = EstimatorConformance.Check(ml, estimator, Corpus(ml), invalid, "Text", Predict);

        var completed = ml.Data.CreateEnumerable<Completed>(model.Transform(prompts), reuseRowObject: false).ToList();
        Assert.Equal(["at", "rk", "lk"], completed.Select(c => c.Completion).ToArray());
        Assert.All(completed, c =>
        {
            Assert.Equal(3, c.Completions.Length);
            Assert.Equal(c.Completion, c.Completions[0]);
            Assert.Equal(c.Completions.Where(t => t.Length > 0).Count(), c.Completions.Where(t => t.Length > 0).Distinct().Count());
        });
        var engine = ml.Model.CreatePredictionEngine<Line, Completed>(model);
        Assert.Equal("at", engine.Predict(new Line { Text = "the cat sat on the m" }).Completion);
    }

    private static IReadOnlyList<object[]> Predict(ITransformer model, IDataView data)
    {
        var ml = new MLContext();
        var engine = ml.Model.CreatePredictionEngine<Line, Completed>(model);
        return ml.Data.CreateEnumerable<Line>(data, reuseRowObject: false).Select(engine.Predict).Select(c => new object[] { c.Completion, c.Completions }).ToList();
    }

    [Fact]
    public void TooShortCorpusIsRejectedNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var tiny = ml.Data.LoadFromEnumerable(new[] { new Line { Text = "ab" } });
        var error = Assert.ThrowsAny<ArgumentException>(() => ml.Transforms.Text.CompleteByLstm(SmallOptions()).Fit(tiny));
        Assert.Contains("column 'Text'", error.Message);
    }

    [Fact]
    public void InvalidCompletionSettingsAreNamed()
    {
        var ml = new MLContext(seed: 1);
        var options = SmallOptions();
        options.CompletionCount = 0;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.Text.CompleteByLstm(options));
        Assert.Equal("CompletionCount", error.ParamName);
    }
}
