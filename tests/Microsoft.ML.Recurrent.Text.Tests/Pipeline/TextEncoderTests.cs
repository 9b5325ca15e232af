using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Text.Normalization;
using Microsoft.ML.Recurrent.Text.Pipeline;
using Microsoft.ML.Recurrent.Text.Subwords;
using Microsoft.ML.Recurrent.Text.Tokenization;
using Microsoft.ML.Recurrent.Text.Vocabularies;

namespace Microsoft.ML.Recurrent.Text.Tests.Pipeline;

public class TextEncoderTests
{
    private static readonly string[] Russian =
    [
        "Как дела?",
        "Кот сидел на коврике.",
        "Кошка сидела на коврике, а кот — на диване.",
        "Мы читали книги, они читали газеты.",
        "«Привет», — сказал он.",
        "Кто-то пришёл в 10:30.",
    ];

    [Fact]
    public void WordLevelRoundTripForAClassifier()
    {
        var encoder = TextEncoder.Fit(Russian, new WordTokenizer(new TextNormalizer { Lowercase = true }));
        int[] ids = encoder.Encode("Кот читал книги.");
        Assert.Equal(Vocabulary.UnknownId, ids[1]);
        Assert.DoesNotContain(Vocabulary.UnknownId, ids.Where((_, i) => i != 1));
        Assert.Equal("кот <unk> книги.", encoder.Decode(ids));
    }

    [Fact]
    public void SubwordRoundTripForATranslator()
    {
        var encoder = TextEncoder.Fit(Russian, new WordTokenizer(), subwordMerges: 60);
        Assert.NotNull(encoder.Subwords);
        var tokens = encoder.Tokenize("Кошка сидела на коврике.");
        Assert.Contains(tokens, t => t.EndsWith(BpeModel.ContinuationMarker));
        foreach (string sentence in Russian)
        {
            int[] ids = encoder.Encode(sentence, addBegin: true, addEnd: true);
            Assert.Equal(Vocabulary.BeginId, ids[0]);
            Assert.Equal(Vocabulary.EndId, ids[^1]);
            Assert.DoesNotContain(Vocabulary.UnknownId, ids);
            Assert.Equal(sentence, encoder.Decode(ids));
        }
    }

    [Fact]
    public void DecodeStopsAtTheFirstEndAndSkipsPadding()
    {
        var encoder = TextEncoder.Fit(Russian, new WordTokenizer(), subwordMerges: 60);
        int[] ids = [Vocabulary.BeginId, .. encoder.Encode("Как дела?"), Vocabulary.EndId, .. encoder.Encode("Кот"), Vocabulary.PadId];
        Assert.Equal("Как дела?", encoder.Decode(ids));
    }

    [Fact]
    public void CharacterLevelRoundTripForALanguageModel()
    {
        var encoder = TextEncoder.Fit(Russian, new CharacterTokenizer());
        const string text = "Кот сидел — и «читал».";
        Assert.Equal(text, encoder.Decode(encoder.Encode(text)));
        Assert.Equal(text.Length, encoder.Encode(text).Length);
        Assert.Throws<ArgumentException>(() => TextEncoder.Fit(Russian, new CharacterTokenizer(), subwordMerges: 10));
    }

    [Fact]
    public void VocabularyLimitsApply()
    {
        var encoder = TextEncoder.Fit(Russian, new WordTokenizer(), minFrequency: 2, maxVocabularySize: 8);
        Assert.Equal(8, encoder.Vocabulary.Count);
        Assert.Equal([".", ",", "на", "коврике"], encoder.Vocabulary.Tokens.Skip(4));
    }

    [Fact]
    public void JsonRoundTripGivesTheSameIds()
    {
        var encoder = TextEncoder.Fit(Russian, new WordTokenizer(new TextNormalizer { Lowercase = true }), subwordMerges: 40);
        var copy = TextEncoder.FromJson(JsonNode.Parse(encoder.ToJson().ToJsonString())!.AsObject());
        foreach (string sentence in Russian)
        {
            Assert.Equal(encoder.Encode(sentence), copy.Encode(sentence));
        }

        var withoutSubwords = TextEncoder.Fit(Russian, new CharacterTokenizer());
        Assert.Null(TextEncoder.FromJson(withoutSubwords.ToJson()).Subwords);
        Assert.Contains("'vocabulary'", Assert.Throws<FormatException>(() => TextEncoder.FromJson(new JsonObject { ["tokenizer"] = new WordTokenizer().ToJson() })).Message);
    }
}
