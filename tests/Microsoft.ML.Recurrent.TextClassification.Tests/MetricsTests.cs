using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent.TextClassification.Tests;

public class MetricsTests
{
    public static TheoryData<string> Cases() => new(Reference()["cases"]!.AsArray().Select(c => (string)c!["name"]!));

    private static JsonObject Reference() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "sklearn", "metrics.json")))!.AsObject();

    [Theory]
    [MemberData(nameof(Cases))]
    public void MetricsMatchScikitLearn(string name)
    {
        var reference = Reference()["cases"]!.AsArray().Single(c => (string)c!["name"]! == name)!;
        int[] labels = reference["labels"]!.AsArray().Select(l => (int)l!).ToArray();
        float[][] probabilities = reference["probabilities"]!.AsArray().Select(row => row!.AsArray().Select(p => (float)p!).ToArray()).ToArray();
        var metrics = ClassificationMetrics.Compute(labels, probabilities, (int)reference["classCount"]!);

        Assert.Equal((double)reference["accuracy"]!, metrics.Accuracy, 12);
        Assert.Equal((double)reference["macroF1"]!, metrics.MacroF1, 12);
        Assert.Equal((double)reference["logLoss"]!, metrics.LogLoss, 6);
        Assert.Equal(reference["auc"] is { } auc ? (double?)auc : null, metrics.Auc);
        var confusion = reference["confusion"]!.AsArray().Select(row => row!.AsArray().Select(v => (int)v!).ToArray()).ToArray();
        Assert.Equal(confusion, metrics.ConfusionMatrix.Select(row => row.ToArray()).ToArray());
        Assert.Equal(labels.Length, metrics.Count);
    }

    [Fact]
    public void BadScoresAreNamedByRow()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([0, 1], [[0.5f, 0.5f], [float.NaN, 1f]], 2));
        Assert.Contains("index 1", error.Message);
        Assert.Equal("probabilities", error.ParamName);
        Assert.Contains("row 1", Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([0, 3], [[0.5f, 0.5f], [0.5f, 0.5f]], 2)).Message);
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([0], [[1f, 0f], [1f, 0f]], 2));
    }

    [Fact]
    public void ConfusionMatrixIsFormattedWithClassNames()
    {
        var metrics = ClassificationMetrics.Compute([0, 1, 1], [[0.9f, 0.1f], [0.6f, 0.4f], [0.2f, 0.8f]], 2);
        string[] lines = metrics.FormatConfusionMatrix(["ham", "spam"]).TrimEnd().Split('\n').Select(l => l.TrimEnd()).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.EndsWith("ham  spam", lines[0]);
        Assert.Matches(@"^ham\s+1\s+0$", lines[1]);
        Assert.Matches(@"^spam\s+1\s+1$", lines[2]);
    }
}
