using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Text.Normalization;
using Microsoft.ML.Recurrent.Text.Tokenization;

namespace Microsoft.ML.Recurrent.Text.Tests.Tokenization;

public class CharacterTokenizerTests
{
    [Fact]
    public void OneTokenPerScalarValueWithoutSplittingSurrogates()
    {
        var tokens = new CharacterTokenizer().Tokenize("Да 😀!\n");
        Assert.Equal(["Д", "а", " ", "😀", "!", "\n"], tokens);
    }

    [Fact]
    public void CombiningSequencesStayAsSeveralTokens()
    {
        Assert.Equal(["e", "\u0301", "𝄞"], new CharacterTokenizer().Tokenize("e\u0301𝄞"));
    }

    [Fact]
    public void UnpairedSurrogateBecomesReplacementCharacter()
    {
        Assert.Equal(["a", "\uFFFD", "b"], new CharacterTokenizer().Tokenize("a\uDC00b"));
    }

    [Fact]
    public void DetokenizeConcatenatesExactly()
    {
        const string text = "Привет,  мир! 👋🏽 Tab\there.\n";
        var tokenizer = new CharacterTokenizer();
        Assert.Equal(text, tokenizer.Detokenize(tokenizer.Tokenize(text)));
    }

    [Fact]
    public void NormalizerLowercasesAndCollapsesWhitespace()
    {
        var tokenizer = new CharacterTokenizer(new TextNormalizer { Lowercase = true, CollapseWhitespace = true });
        Assert.Equal("ab c д", string.Concat(tokenizer.Tokenize("  AB \n\t C   Д ")));
    }

    [Fact]
    public void JsonRoundTripKeepsSettings()
    {
        Tokenizer[] tokenizers =
        [
            new CharacterTokenizer(new TextNormalizer { Lowercase = true }),
            new WordTokenizer(new TextNormalizer { CollapseWhitespace = true }, keepPunctuation: false),
        ];
        foreach (var tokenizer in tokenizers)
        {
            var copy = Tokenizer.FromJson(JsonNode.Parse(tokenizer.ToJson().ToJsonString())!.AsObject());
            Assert.Equal(tokenizer.GetType(), copy.GetType());
            Assert.Equal(tokenizer.ToJson().ToJsonString(), copy.ToJson().ToJsonString());
            Assert.Equal(tokenizer.Tokenize("Hello,  World!"), copy.Tokenize("Hello,  World!"));
        }
    }

    [Fact]
    public void JsonErrorsNameTheField()
    {
        var missing = Assert.Throws<FormatException>(() => Tokenizer.FromJson(new JsonObject { ["kind"] = "word", ["lowercase"] = false }));
        Assert.Contains("collapseWhitespace", missing.Message);
        var unknown = Assert.Throws<FormatException>(() => Tokenizer.FromJson(
            new JsonObject { ["kind"] = "sentencepiece", ["lowercase"] = false, ["collapseWhitespace"] = false }));
        Assert.Contains("sentencepiece", unknown.Message);
    }
}
