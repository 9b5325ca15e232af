using Microsoft.ML.Recurrent.Engine.Training;
using Microsoft.ML.Recurrent.Text.Vocabularies;

namespace Microsoft.ML.Recurrent.TextGeneration.Tests;

public class FitTests
{
    private static readonly string Corpus = string.Concat(Enumerable.Repeat("the cat sat on the mat. the dog ate the hat. ", 30));

    private static CharLanguageModelOptions Small() => MemorizedModel.Options().Apply(o => o.Epochs = 3);

    [Fact]
    public void VocabularyHasTheTrainingCharactersAndAnUnknownId()
    {
        var vocabulary = CharacterVocabulary.Build("abca🙂");
        Assert.Equal(Vocabulary.SpecialCount + 4, vocabulary.Count);
        int[] ids = vocabulary.Encode("a🙂zé");
        Assert.Equal(4, ids.Length); // the emoji is one character (a surrogate pair in UTF-16)
        Assert.Equal(Vocabulary.SpecialCount, ids[0]); // the most frequent character comes first
        Assert.Equal("🙂", vocabulary.Decode(ids[1]));
        Assert.Equal([Vocabulary.UnknownId, Vocabulary.UnknownId], ids[2..]);
        Assert.True(vocabulary.IsStop(vocabulary.Encode(" ")[0]) || vocabulary.Encode(" ")[0] == Vocabulary.UnknownId);
        var punctuated = CharacterVocabulary.Build("a b.c\n");
        Assert.Equal([false, true, false, true, false, true], punctuated.Encode("a b.c\n").Select(punctuated.IsStop));
    }

    [Fact]
    public void ValidationSplitEarlyStoppingProgressAndCheckpoints()
    {
        string path = Path.Combine(Path.GetTempPath(), $"charlm-checkpoint-{Guid.NewGuid():N}.mlrnn");
        var reported = new List<EpochProgress>();
        var options = Small().Apply(o =>
        {
            o.Epochs = 4;
            o.ValidationFraction = 0.2f;
            o.CheckpointPath = path;
            o.Progress = reported.Add;
        });
        try
        {
            var model = CharLanguageModel.Fit(Corpus, options);
            Assert.Equal(4, reported.Count);
            Assert.All(reported, p => Assert.NotNull(p.ValidationLoss));
            Assert.True(reported[^1].ValidationLoss < reported[0].ValidationLoss);
            var best = model.TrainingResult!.Best;
            double validation = model.Evaluate(Corpus[(int)(Corpus.Length * (1.0 - 0.2f))..]).NatsPerCharacter;
            Assert.Equal(best.ValidationLoss!.Value, validation, 4);
            Assert.Equal(validation, CharLanguageModel.Load(path).Evaluate(Corpus[(int)(Corpus.Length * (1.0 - 0.2f))..]).NatsPerCharacter, 6);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TimeBudgetEndsTraining()
    {
        var model = CharLanguageModel.Fit(Corpus, Small().Apply(o => o.TimeBudget = TimeSpan.FromTicks(1)));
        Assert.True(model.TrainingResult!.StoppedByTimeBudget);
        Assert.Single(model.TrainingResult.History);
    }

    [Fact]
    public void TiedGruModelSharesTheEmbeddingAndRoundTrips()
    {
        var model = CharLanguageModel.Fit(Corpus, Small().Apply(o =>
        {
            o.Cell = RecurrentCellType.Gru;
            o.NumLayers = 2;
            o.Dropout = 0.1f;
            o.TieEmbeddings = true;
        }));
        var network = model.Network;
        Assert.Equal(network.EmbeddingTable.ToArray(), network.Head.Weight.Value.Values.ToArray());
        Assert.DoesNotContain(network.Head.Weight, network.TrainableParameters);
        Assert.True(model.Evaluate(Corpus[..300]).NatsPerCharacter < Math.Log(model.Characters.Count));
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        Assert.Equal(model.Evaluate(Corpus[..300]), CharLanguageModel.Load(stream).Evaluate(Corpus[..300]));
    }

    [Fact]
    public void TrainingIsReproducibleForASeed()
    {
        var first = CharLanguageModel.Fit(Corpus, Small());
        var second = CharLanguageModel.Fit(Corpus, Small());
        Assert.Equal(first.Evaluate(Corpus[..300]), second.Evaluate(Corpus[..300]));
    }

    [Fact]
    public void OptionsCloneIsIndependent()
    {
        var options = new CharLanguageModelOptions();
        var copy = options.Clone();
        copy.HiddenSize = 7;
        Assert.Equal(512, options.HiddenSize);
        Assert.Equal(TimeSpan.FromMinutes(20), options.TimeBudget);
    }
}

internal static class OptionsExtensions
{
    public static CharLanguageModelOptions Apply(this CharLanguageModelOptions options, Action<CharLanguageModelOptions> change)
    {
        change(options);
        return options;
    }
}
