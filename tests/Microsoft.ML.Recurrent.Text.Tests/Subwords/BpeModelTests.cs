using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Text.Subwords;
using Microsoft.ML.Recurrent.Text.Tokenization;
using Microsoft.ML.Recurrent.Text.Vocabularies;
using Xunit.Abstractions;

namespace Microsoft.ML.Recurrent.Text.Tests.Subwords;

public class BpeModelTests(ITestOutputHelper output)
{
    // The example of Sennrich et al. (2016), section 3.2.
    private static readonly Dictionary<string, long> Sennrich = new() { ["low"] = 5, ["lower"] = 2, ["newest"] = 6, ["widest"] = 3 };

    [Fact]
    public void LearnsTheMostFrequentPairsWithOrdinalTieBreaking()
    {
        var model = BpeModel.Learn(Sennrich, mergeCount: 4);

        // "e s" and "s t</w>" both occur 9 times: the ordinally smaller pair wins; then "l o" before "o w" (7 each).
        // "lo w" is not next: the end-of-word suffix keeps "low" (lo w</w>, 5) apart from "lower" (lo w, 2), so the
        // three pairs of count 6 from "newest" are next, the smallest first.
        Assert.Equal([("e", "s"), ("es", "t</w>"), ("l", "o"), ("e", "w")], model.Merges);
    }

    [Fact]
    public void AppliesMergesWithContinuationMarkers()
    {
        var model = BpeModel.Learn(Sennrich, mergeCount: 10);
        // "lo w</w>" was learned for the whole word "low"; inside "lowest" the "w" is not word-final.
        Assert.Equal(["low"], model.Encode("low"));
        Assert.Equal(["lo@@", "w@@", "est"], model.Encode("lowest"));
        Assert.Equal(["newest"], model.Encode("newest"));
        Assert.Equal(["n@@", "ew@@", "e@@", "r"], model.Encode("newer"));
        Assert.Equal(["n@@", "e@@", "w@@", "l@@", "y"], BpeModel.Learn(Sennrich, 0).Encode("newly"));
        Assert.Equal(["low", "lo@@", "w@@", "est"], model.Encode(["low", "lowest"]));
    }

    [Fact]
    public void MatchesANaiveRecountingLearnerOnALargerCorpus()
    {
        var counts = TokenCounts.FromSequences(SyntheticCorpus.Sentences(600, 12, 800, seed: 3).Select(s => s.Split(' ')));
        var learned = BpeModel.Learn(counts, mergeCount: 300);
        Assert.Equal(NaiveLearn(counts, 300, minFrequency: 2), learned.Merges);
    }

    [Fact]
    public void IsDeterministicWhateverTheInputOrder()
    {
        var counts = TokenCounts.FromSequences(SyntheticCorpus.Sentences(300, 10, 500, seed: 5).Select(s => s.Split(' ')));
        var forward = BpeModel.Learn(counts, 200);
        var backward = BpeModel.Learn(counts.Reverse().ToList(), 200);
        Assert.Equal(forward.Merges, backward.Merges);
    }

    [Fact]
    public void StopsWhenNoPairReachesTheMinimumFrequency()
    {
        var counts = new Dictionary<string, long> { ["abc"] = 1, ["xyz"] = 1 };
        Assert.Empty(BpeModel.Learn(counts, 100).Merges);
        Assert.Equal(2, BpeModel.Learn(counts, 2, minFrequency: 1).Merges.Count);
    }

    [Fact]
    public void ReconstructsEveryWordExactly()
    {
        var tokenizer = new WordTokenizer();
        string[] text =
        [
            "Привет, мир! Кто-то сказал: «не надо» — и ушёл.",
            "Don't stop O’Neill's rock-n-roll at 3.14 or 1,000 👍🏽 👨‍👩‍👧 naïve e\u0301",
            "lowest newer wider widest a b c 日本語",
        ];
        var words = text.SelectMany(tokenizer.Tokenize).ToList();
        var counts = TokenCounts.FromSequences(SyntheticCorpus.Sentences(200, 10, 300, seed: 9).Select(s => s.Split(' ')).Append(words.ToArray()));
        var model = BpeModel.Learn(counts, 150);
        var subwords = model.Encode(words);
        Assert.True(subwords.Count > words.Count, "some words should be split");
        Assert.Equal(words, BpeModel.Decode(subwords));
        Assert.All(subwords.Where(s => s.EndsWith(BpeModel.ContinuationMarker)), s => Assert.True(s.Length > 2));
    }

    [Fact]
    public void DecodeClosesADanglingContinuation()
    {
        Assert.Equal(["low", "new"], BpeModel.Decode(["lo@@", "w", "ne@@", "w@@"]));
    }

    [Fact]
    public void CodesAndJsonRoundTrip()
    {
        var model = BpeModel.Learn(TokenCounts.FromSequences(SyntheticCorpus.Sentences(200, 10, 300, seed: 11).Select(s => s.Split(' '))), 100);
        var writer = new StringWriter();
        model.WriteCodes(writer);
        Assert.StartsWith("#version: 0.2\n", writer.ToString());
        var fromCodes = BpeModel.ReadCodes(new StringReader(writer.ToString()));
        var fromJson = BpeModel.FromJson(JsonNode.Parse(model.ToJson().ToJsonString())!.AsObject());
        Assert.Equal(model.Merges, fromCodes.Merges);
        Assert.Equal(model.Merges, fromJson.Merges);
        Assert.Equal(model.Encode("приветствие"), fromCodes.Encode("приветствие"));
    }

    [Fact]
    public void ReadsCodesWithoutAVersionLine()
    {
        var model = BpeModel.ReadCodes(new StringReader("l o\nlo w</w>\n"));
        Assert.Equal(["low"], model.Encode("low"));
        Assert.Equal(["lo@@", "wer"], BpeModel.ReadCodes(new StringReader("l o\ne r</w>\nw er</w>")).Encode("lower"));
    }

    [Fact]
    public void BadCodesNameTheLine()
    {
        var bad = Assert.Throws<FormatException>(() => BpeModel.ReadCodes(new StringReader("#version: 0.2\nl o\nl o w\n")));
        Assert.Contains("line 3", bad.Message);
        var version = Assert.Throws<FormatException>(() => BpeModel.ReadCodes(new StringReader("#version: 0.1\nl o\n")));
        Assert.Contains("0.1", version.Message);
        var duplicate = Assert.Throws<FormatException>(() => BpeModel.ReadCodes(new StringReader("l o\nl o\n")));
        Assert.Contains("twice", duplicate.Message);
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("marker@@")]
    [InlineData("")]
    public void RejectsWordsThatCannotBeEncodedReversibly(string word)
    {
        var model = BpeModel.Learn(Sennrich, 5);
        var error = Assert.Throws<ArgumentException>(() => model.Encode(word));
        Assert.Equal("word", error.ParamName);
        Assert.Throws<ArgumentException>(() => BpeModel.Learn(new Dictionary<string, long> { [word] = 3 }, 5));
    }

    [Fact]
    public void RejectsNonPositiveCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => BpeModel.Learn(new Dictionary<string, long> { ["abc"] = 0 }, 5));
        Assert.Contains("'abc'", error.Message);
    }

    [Fact]
    public void LearnsTenThousandMergesOnTwentyThousandSentencesInSeconds()
    {
        var sentences = SyntheticCorpus.Sentences(20_000, 20, 40_000, seed: 1);
        var counts = TokenCounts.FromSequences(sentences.Select(s => s.Split(' ')));
        var watch = Stopwatch.StartNew();
        var model = BpeModel.Learn(counts, 10_000);
        watch.Stop();
        output.WriteLine($"{counts.Count} distinct words, {model.Merges.Count} merges in {watch.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(10_000, model.Merges.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"learning took {watch.Elapsed}");
    }

    /// <summary>The textbook algorithm: recount every pair after every merge.</summary>
    private static List<(string, string)> NaiveLearn(IEnumerable<KeyValuePair<string, long>> counts, int mergeCount, int minFrequency)
    {
        var words = counts.Select(pair =>
        {
            var symbols = pair.Key.Select(c => c.ToString()).ToList();
            symbols[^1] += BpeModel.EndOfWord;
            return (Symbols: symbols, Count: pair.Value);
        }).ToList();
        var merges = new List<(string, string)>();
        while (merges.Count < mergeCount)
        {
            var pairs = new Dictionary<(string, string), long>();
            foreach (var (symbols, count) in words)
            {
                for (int i = 0; i + 1 < symbols.Count; i++)
                {
                    pairs[(symbols[i], symbols[i + 1])] = pairs.GetValueOrDefault((symbols[i], symbols[i + 1])) + count;
                }
            }

            var best = pairs.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Item1, StringComparer.Ordinal)
                .ThenBy(p => p.Key.Item2, StringComparer.Ordinal).FirstOrDefault();
            if (best.Value < minFrequency)
            {
                break;
            }

            merges.Add(best.Key);
            foreach (var (symbols, _) in words)
            {
                for (int i = 0; i + 1 < symbols.Count; i++)
                {
                    if (symbols[i] == best.Key.Item1 && symbols[i + 1] == best.Key.Item2)
                    {
                        symbols[i] += symbols[i + 1];
                        symbols.RemoveAt(i + 1);
                    }
                }
            }
        }

        return merges;
    }
}
