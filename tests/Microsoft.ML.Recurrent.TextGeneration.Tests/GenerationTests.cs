namespace Microsoft.ML.Recurrent.TextGeneration.Tests;

public class GenerationTests(MemorizedModel memorized) : IClassFixture<MemorizedModel>
{
    private CharLanguageModel Model => memorized.Model;

    [Fact]
    public void GreedyGenerationReproducesTheMemorisedText()
    {
        // Top-k 1 always takes the most likely character: the corpus continues deterministically after "the d".
        string text = Model.Generate("the d", 40, new SamplingOptions { TopK = 1 });
        Assert.Equal("og ate the hat. the cat sat on the mat. ", text);
        Assert.Equal(text, Model.Generate("the d", 40, new SamplingOptions { TopP = 1e-6f, Seed = 3 }));
        Assert.Equal(text, Model.Generate("the d", 40, new SamplingOptions { Temperature = 1e-3f, Seed = 4 }));
    }

    [Fact]
    public void SameSeedSameTextDifferentSeedDifferentText()
    {
        var hot = new SamplingOptions { Temperature = 3f, Seed = 11 };
        string first = Model.Generate("the ", 200, hot);
        Assert.Equal(200, first.Length);
        Assert.Equal(first, Model.Generate("the ", 200, hot));
        Assert.NotEqual(first, Model.Generate("the ", 200, new SamplingOptions { Temperature = 3f, Seed = 12 }));
    }

    [Fact]
    public void StreamingGenerationEqualsBatchGeneration()
    {
        var sampling = new SamplingOptions { Temperature = 1.5f, TopK = 5, TopP = 0.9f, Seed = 5 };
        var streamed = Model.GenerateStreaming("the m", 120, sampling).ToList();
        Assert.Equal(120, streamed.Count);
        Assert.All(streamed, c => Assert.Single(c));
        Assert.Equal(Model.Generate("the m", 120, sampling), string.Concat(streamed));
    }

    [Fact]
    public void GenerationNeverEmitsSpecialOrUnseenCharacters()
    {
        string text = Model.Generate(string.Empty, 300, new SamplingOptions { Temperature = 5f, Seed = 2 });
        Assert.All(text, c => Assert.Contains(c.ToString(), Model.Characters));
    }

    [Fact]
    public void AutocompleteFindsTheMemorisedWordAndStopsAtStopCharacters()
    {
        // From a short prefix the model (trained with a state carried over long text) is less sure than in context.
        var completions = Model.Complete("the d", count: 3);
        Assert.Equal(3, completions.Count);
        Assert.Equal(new Completion("og", completions[0].LogProbability, " "), completions[0]);
        Assert.True(completions[0].LogProbability > completions[1].LogProbability);
        var inContext = Model.Complete("the cat sat on the mat. the d", count: 3);
        Assert.Equal(new Completion("og", inContext[0].LogProbability, " "), inContext[0]);
        Assert.True(inContext[0].LogProbability > Math.Log(0.9), $"log p = {inContext[0].LogProbability}");
        Assert.Equal("at", Model.Complete("the c", count: 1)[0].Text);
        Assert.Equal("mat", Model.Complete("on the ", count: 1)[0].Text);
        Assert.Equal(".", Model.Complete("the mat", count: 1)[0].StopCharacter);
        foreach (var completion in completions)
        {
            Assert.DoesNotContain(completion.Text, c => char.IsWhiteSpace(c) || char.IsPunctuation(c));
            Assert.True(completion.StopCharacter is null || completion.StopCharacter is " " or "." || char.IsPunctuation(completion.StopCharacter[0]));
        }

        Assert.True(completions.Zip(completions.Skip(1)).All(p => p.First.LogProbability >= p.Second.LogProbability));
    }

    [Fact]
    public void AutocompleteCutsContinuationsAtTheLengthLimit()
    {
        var completions = Model.Complete("the d", count: 2, maxLength: 1);
        Assert.Contains(completions, c => c.Text == "o" && c.StopCharacter is null);
    }

    [Fact]
    public void UnseenCharactersInThePrefixStillWork()
    {
        Assert.Equal(60, Model.Generate("Zwölf 🙂 the d", 60, new SamplingOptions { Seed = 1 }).Length);
        Assert.NotEmpty(Model.Complete("ẞ🙂 the c"));
        Assert.True(double.IsFinite(Model.Evaluate("the 🙂 cat").NatsPerCharacter));
    }

    [Fact]
    public void PredictionIsThreadSafe()
    {
        var sampling = new SamplingOptions { Seed = 9, Temperature = 2f };
        string expected = Model.Generate("the ", 100, sampling);
        var expectedCompletions = Model.Complete("the d");
        Parallel.For(0, 16, i =>
        {
            Assert.Equal(expected, Model.Generate("the ", 100, sampling));
            Assert.Equal(expectedCompletions, Model.Complete("the d"));
        });
    }
}
