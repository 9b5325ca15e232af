using Microsoft.ML.Recurrent.Engine.Persistence;

namespace Microsoft.ML.Recurrent.TextGeneration.Tests;

public class EvaluationAndPersistenceTests(MemorizedModel memorized) : IClassFixture<MemorizedModel>
{
    private CharLanguageModel Model => memorized.Model;

    [Fact]
    public void MetricsAreConsistent()
    {
        var metrics = new LanguageModelMetrics(1.5, 100);
        Assert.Equal(1.5 / Math.Log(2), metrics.BitsPerCharacter, 12);
        Assert.Equal(Math.Exp(1.5), metrics.Perplexity, 12);
    }

    [Fact]
    public void EvaluateEqualsTheMeanLogLossOfStepwisePrediction()
    {
        // Independent reference: the streaming session, one character at a time, log-softmax by hand.
        string text = "the dog sat on the hat. the cat ate the mat. 🙂 the end";
        var metrics = Model.Evaluate(text);
        Assert.Equal(StepwiseNats(text), metrics.NatsPerCharacter, 4);
        Assert.Equal(text.EnumerateRunes().Count() - 1, metrics.Characters);
        Assert.True(Model.Evaluate(memorized.Text[..400]).NatsPerCharacter < 0.05, "the memorised text is nearly certain");
    }

    [Fact]
    public void ParallelStreamsWithWarmUpMatchOneLongPass()
    {
        // 5,000 characters are scored in four streams; each reads the 256 characters before its segment first.
        string text = memorized.Text + memorized.Text + memorized.Text;
        text = text[..5000];
        double streamed = Model.Evaluate(text).NatsPerCharacter;
        double single = StepwiseNats(text);
        Assert.Equal(single, streamed, 3);
    }

    [Fact]
    public void SavedAndLoadedModelsPredictIdentically()
    {
        using var stream = new MemoryStream();
        Model.Save(stream);
        stream.Position = 0;
        var loaded = CharLanguageModel.Load(stream);
        var sampling = new SamplingOptions { Seed = 3, Temperature = 1.5f };
        Assert.Equal(Model.Generate("the ", 150, sampling), loaded.Generate("the ", 150, sampling));
        Assert.Equal(Model.Complete("the c"), loaded.Complete("the c"));
        Assert.Equal(Model.Evaluate(memorized.Text[..500]), loaded.Evaluate(memorized.Text[..500]));
        Assert.Equal(Model.Characters, loaded.Characters);
        Assert.Null(loaded.TrainingResult);

        string path = Path.Combine(Path.GetTempPath(), $"charlm-{Guid.NewGuid():N}.mlrnn");
        try
        {
            Model.Save(path);
            Assert.Equal(Model.Evaluate("the hat."), CharLanguageModel.Load(path).Evaluate("the hat."));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadingAnotherKindOfModelIsRefused()
    {
        using var stream = new MemoryStream();
        ModelFile.Save(stream, new ModelContents("Forecaster", new System.Text.Json.Nodes.JsonObject()));
        stream.Position = 0;
        var error = Assert.Throws<ModelFormatException>(() => CharLanguageModel.Load(stream));
        Assert.Contains("Forecaster", error.Message);
    }

    private double StepwiseNats(string text)
    {
        var ids = Model.Alphabet.Encode(text);
        var session = new InferenceSession(Model.Network, 1);
        double total = 0;
        for (int i = 0; i + 1 < ids.Length; i++)
        {
            var logits = session.Step([ids[i]]).ToArray();
            double max = logits.Max();
            double logTotal = max + Math.Log(logits.Sum(z => Math.Exp(z - max)));
            total += logTotal - logits[ids[i + 1]];
        }

        return total / (ids.Length - 1);
    }
}
