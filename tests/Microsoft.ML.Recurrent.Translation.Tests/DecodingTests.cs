using Microsoft.ML.Recurrent.Translation.Decoding;

namespace Microsoft.ML.Recurrent.Translation.Tests;

public class DecodingTests(ReversalModel model) : IClassFixture<ReversalModel>
{
    private Translator Translator => model.Translator;

    [Fact]
    public void LearnsStringReversalExactly()
    {
        var translations = Translator.TranslateMany(model.TestSources, DecodingOptions.Greedy);
        double exact = translations.Zip(model.TestTargets).Count(p => p.First.Text == p.Second) / (double)model.TestTargets.Length;
        Assert.True(exact >= 0.95, $"exact match {exact:P1}");
    }

    [Fact]
    public void AttentionRowsSumToOneOverTheRealSourceTokens()
    {
        // Batched with sources of other lengths, so padded positions exist and must get no weight.
        var translations = Translator.TranslateMany(["abc", "abcdefgh", "hgfedcbaab"], DecodingOptions.Greedy);
        foreach (var t in translations)
        {
            var matrix = t.AttentionMatrix!;
            Assert.Equal(t.Tokens.Count, matrix.GetLength(0));
            Assert.Equal(t.SourceTokens.Count, matrix.GetLength(1));
            for (int i = 0; i < matrix.GetLength(0); i++)
            {
                double sum = 0;
                for (int j = 0; j < matrix.GetLength(1); j++)
                {
                    Assert.InRange(matrix[i, j], 0f, 1f);
                    sum += matrix[i, j];
                }

                Assert.Equal(1.0, sum, 4);
            }
        }
    }

    [Fact]
    public void BeamSizeOneIsGreedyDecoding()
    {
        var ids = model.TestSources.Take(50).Select(s => Translator.EncodeSource(s, "source")).ToArray();
        var options = new DecodingOptions { BeamSize = 1, LengthPenalty = 0.6f };
        var greedy = GreedySearch.Run(Translator.Network, ids, options);
        var beam = BeamSearch.Run(Translator.Network, ids, options, nBest: 1);
        for (int i = 0; i < ids.Length; i++)
        {
            Assert.Equal(greedy[i].Ids, beam[i][0].Ids);
            Assert.Equal(greedy[i].LogProbability, beam[i][0].LogProbability, 9);
        }
    }

    [Fact]
    public void BeamSearchScoresAtLeastAsHighAsGreedy()
    {
        var sources = model.TestSources.Take(60).ToArray();
        var greedy = Translator.TranslateMany(sources, new DecodingOptions { BeamSize = 1, LengthPenalty = 0f });
        var beam = Translator.TranslateMany(sources, new DecodingOptions { BeamSize = 5, LengthPenalty = 0f });
        for (int i = 0; i < sources.Length; i++)
        {
            Assert.True(beam[i].LogProbability >= greedy[i].LogProbability - 1e-6, $"{sources[i]}: beam {beam[i].LogProbability}, greedy {greedy[i].LogProbability}");
        }
    }

    [Fact]
    public void NBestListIsRankedByLengthNormalisedScore()
    {
        var options = new DecodingOptions { BeamSize = 4, LengthPenalty = 1f };
        var list = Translator.TranslateNBest("abcdef", 4, options);
        Assert.Equal(4, list.Count);
        Assert.Equal(4, list.Select(t => t.Text).Distinct().Count());
        for (int i = 0; i < list.Count; i++)
        {
            Assert.Equal(list[i].LogProbability / Math.Pow((5.0 + list[i].Tokens.Count + 1) / 6.0, 1.0), list[i].Score, 9);
            Assert.True(i == 0 || list[i - 1].Score >= list[i].Score);
        }

        Assert.Equal("fedcba", list[0].Text);
    }

    [Fact]
    public void LargerLengthPenaltyNeverChoosesShorterTranslations()
    {
        var sources = model.TestSources.Take(40).ToArray();
        var plain = Translator.TranslateMany(sources, new DecodingOptions { BeamSize = 5, LengthPenalty = 0f });
        var favoured = Translator.TranslateMany(sources, new DecodingOptions { BeamSize = 5, LengthPenalty = 3f });
        for (int i = 0; i < sources.Length; i++)
        {
            Assert.True(favoured[i].Tokens.Count >= plain[i].Tokens.Count, $"{sources[i]}: α=3 gives {favoured[i].Text}, α=0 gives {plain[i].Text}");
            Assert.Equal(plain[i].LogProbability, plain[i].Score, 9);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void RepeatedNGramsAreBlocked(int beamSize)
    {
        var free = Translator.Translate("aaaaab", new DecodingOptions { BeamSize = beamSize });
        Assert.Equal("baaaaa", free.Text);
        var unigram = Translator.Translate("aaaaab", new DecodingOptions { BeamSize = beamSize, NoRepeatNGramSize = 1 });
        Assert.Equal(unigram.Tokens.Count, unigram.Tokens.Distinct().Count());
        var bigram = Translator.Translate("aaaaab", new DecodingOptions { BeamSize = beamSize, NoRepeatNGramSize = 2 });
        var pairs = bigram.Tokens.Zip(bigram.Tokens.Skip(1)).ToList();
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
    }

    [Fact]
    public void MaxLengthCapsTheOutput()
    {
        var t = Translator.Translate("abcdefgh", new DecodingOptions { MaxLength = 3 });
        Assert.Equal(3, t.Tokens.Count);
    }

    [Fact]
    public void SavedAndLoadedModelTranslatesIdentically()
    {
        using var stream = new MemoryStream();
        Translator.Save(stream);
        stream.Position = 0;
        var loaded = Translator.Load(stream);
        var sources = model.TestSources.Take(20).ToArray();
        var before = Translator.TranslateMany(sources);
        var after = loaded.TranslateMany(sources);
        for (int i = 0; i < sources.Length; i++)
        {
            Assert.Equal(before[i].Text, after[i].Text);
            Assert.Equal(before[i].Score, after[i].Score);
        }
    }

    [Fact]
    public void ConcurrentTranslationsMatchSequentialOnes()
    {
        var sources = model.TestSources.Take(16).ToArray();
        var expected = sources.Select(s => Translator.Translate(s).Text).ToArray();
        var actual = new string[sources.Length];
        Parallel.For(0, sources.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i] = Translator.Translate(sources[i]).Text);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void EvaluateScoresTranslationsAgainstTheirOwnReferences()
    {
        var sources = model.TestSources.Take(30).ToArray();
        var references = Translator.TranslateMany(sources).Select(t => t.Text).ToArray();
        var metrics = Translator.Evaluate(sources, references);
        Assert.Equal(new Text.Metrics.Bleu().CorpusScore(references, references).Score, metrics.Bleu, 9);
        Assert.Equal(100.0, metrics.Chrf, 6);
        Assert.True(Translator.Evaluate(sources, references.Reverse().ToArray()).Chrf < 100.0);
    }
}
