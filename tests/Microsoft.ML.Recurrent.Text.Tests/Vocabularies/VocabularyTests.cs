using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Text.Vocabularies;

namespace Microsoft.ML.Recurrent.Text.Tests.Vocabularies;

public class VocabularyTests
{
    private static readonly TokenCounts Counts = TokenCounts.FromSequences(
    [
        ["the", "cat", "sat", "on", "the", "mat"],
        ["the", "dog", "sat", "on", "a", "log", "."],
        ["кот", "и", "пёс", "."],
    ]);

    [Fact]
    public void SpecialTokensHaveFixedIds()
    {
        var vocabulary = Vocabulary.Build(Counts);
        Assert.Equal(["<pad>", "<unk>", "<s>", "</s>"], vocabulary.Tokens.Take(4));
        Assert.Equal(0, Vocabulary.PadId);
        Assert.Equal(Vocabulary.PadId, vocabulary.GetId(Vocabulary.PadToken));
        Assert.Equal(Vocabulary.UnknownId, vocabulary.GetId(Vocabulary.UnknownToken));
        Assert.Equal(Vocabulary.BeginId, vocabulary.GetId(Vocabulary.BeginToken));
        Assert.Equal(Vocabulary.EndId, vocabulary.GetId(Vocabulary.EndToken));
    }

    [Fact]
    public void OrdersByFrequencyThenOrdinally()
    {
        var vocabulary = Vocabulary.Build(Counts);

        // the ×3; ".", on, sat ×2 (ordinal: '.' < 'o' < 's'); then the singletons in ordinal order, Cyrillic last.
        Assert.Equal(["the", ".", "on", "sat", "a", "cat", "dog", "log", "mat", "и", "кот", "пёс"], vocabulary.Tokens.Skip(4));
        Assert.Equal(16, vocabulary.Count);
    }

    [Fact]
    public void MinimumFrequencyAndMaximumSizeLimitTheTokens()
    {
        Assert.Equal(["the", ".", "on", "sat"], Vocabulary.Build(Counts, minFrequency: 2).Tokens.Skip(4));
        Assert.Equal(["the", ".", "on"], Vocabulary.Build(Counts, maxSize: 7).Tokens.Skip(4));
        Assert.Equal(4, Vocabulary.Build(Counts, maxSize: 4).Count);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Vocabulary.Build(Counts, maxSize: 3));
        Assert.Equal("maxSize", error.ParamName);
    }

    [Fact]
    public void CountedSpecialTokensAreNotAddedTwice()
    {
        var counts = new Dictionary<string, long> { ["<unk>"] = 10, ["word"] = 1 };
        Assert.Equal(["word"], Vocabulary.Build(counts).Tokens.Skip(4));
    }

    [Fact]
    public void EncodeMapsUnknownTokensToUnk()
    {
        var vocabulary = Vocabulary.Build(Counts);
        int[] ids = vocabulary.Encode(["the", "zebra", "sat"], addBegin: true, addEnd: true);
        Assert.Equal([Vocabulary.BeginId, 4, Vocabulary.UnknownId, 7, Vocabulary.EndId], ids);
    }

    [Fact]
    public void DecodeSkipsPaddingBeginAndEndButKeepsUnk()
    {
        var vocabulary = Vocabulary.Build(Counts);
        int[] ids = [Vocabulary.BeginId, 4, Vocabulary.UnknownId, 7, Vocabulary.EndId, Vocabulary.PadId];
        Assert.Equal(["the", "<unk>", "sat"], vocabulary.Decode(ids));
        Assert.Equal(["<s>", "the", "<unk>", "sat", "</s>", "<pad>"], vocabulary.Decode(ids, skipSpecial: false));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary.Decode([99]));
        Assert.Contains("[0, 16)", error.Message);
    }

    [Fact]
    public void JsonRoundTripKeepsEveryId()
    {
        var vocabulary = Vocabulary.Build(Counts);
        var copy = Vocabulary.FromJson(JsonNode.Parse(vocabulary.ToJson().ToJsonString())!.AsObject());
        Assert.Equal(vocabulary.Tokens, copy.Tokens);
        Assert.Equal(vocabulary.Encode(["кот", "the", "?"]), copy.Encode(["кот", "the", "?"]));
    }

    [Fact]
    public void TokensWithLineBreaksSurviveJson()
    {
        var vocabulary = new Vocabulary(["\n", " ", "\t", "😀"]);
        var copy = Vocabulary.FromJson(JsonNode.Parse(vocabulary.ToJson().ToJsonString())!.AsObject());
        Assert.Equal(vocabulary.Tokens, copy.Tokens);
    }

    [Fact]
    public void MalformedJsonIsReportedClearly()
    {
        var wrongSpecials = new JsonObject { ["tokens"] = new JsonArray("<unk>", "<pad>", "<s>", "</s>", "a") };
        Assert.Contains("token 0 is '<unk>'", Assert.Throws<FormatException>(() => Vocabulary.FromJson(wrongSpecials)).Message);
        var repeated = new JsonObject { ["tokens"] = new JsonArray("<pad>", "<unk>", "<s>", "</s>", "a", "a") };
        Assert.Contains("'a'", Assert.Throws<FormatException>(() => Vocabulary.FromJson(repeated)).Message);
        var notText = new JsonObject { ["tokens"] = new JsonArray("<pad>", "<unk>", "<s>", "</s>", 5) };
        Assert.Contains("element 4", Assert.Throws<FormatException>(() => Vocabulary.FromJson(notText)).Message);
        Assert.Contains("'tokens'", Assert.Throws<FormatException>(() => Vocabulary.FromJson(new JsonObject())).Message);
    }

    [Fact]
    public void ConstructorRejectsEmptyRepeatedAndSpecialTokens()
    {
        Assert.Contains("index 1", Assert.Throws<ArgumentException>(() => new Vocabulary(["a", ""])).Message);
        Assert.Contains("repeats index 0", Assert.Throws<ArgumentException>(() => new Vocabulary(["a", "a"])).Message);
        Assert.Contains("special", Assert.Throws<ArgumentException>(() => new Vocabulary(["</s>"])).Message);
    }

    [Fact]
    public void TokenCountsAccumulate()
    {
        var counts = new TokenCounts();
        counts.Add(["a", "b", "a"]);
        counts.Add("b", 5);
        Assert.Equal(2, counts["a"]);
        Assert.Equal(6, counts["b"]);
        Assert.Equal(2, counts.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => counts.Add("c", 0));
    }
}
