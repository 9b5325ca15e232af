using Microsoft.ML.Recurrent.Text.Normalization;
using Microsoft.ML.Recurrent.Text.Tokenization;

namespace Microsoft.ML.Recurrent.Text.Tests.Tokenization;

public class WordTokenizerTests
{
    private static readonly WordTokenizer Tokenizer = new();

    public static TheoryData<string, string[]> Cases() => new()
    {
        { "Hello, world!", ["Hello", ",", "world", "!"] },
        { "  many \t spaces\n\nand lines  ", ["many", "spaces", "and", "lines"] },
        { "Don't stop—it's O’Neill's rock-n-roll.", ["Don't", "stop", "—", "it's", "O’Neill's", "rock-n-roll", "."] },
        { "'tis the students' hall", ["'", "tis", "the", "students", "'", "hall"] },
        { "Pi is 3.14, a million is 1,000,000. End.", ["Pi", "is", "3.14", ",", "a", "million", "is", "1,000,000", ".", "End", "."] },
        { "At 10:30: done", ["At", "10:30", ":", "done"] },
        { "Wait...what?!", ["Wait", ".", ".", ".", "what", "?", "!"] },
        { "Как дела? Кто-то пришёл.", ["Как", "дела", "?", "Кто-то", "пришёл", "."] },
        { "«Ёлка» — 5 м.", ["«", "Ёлка", "»", "—", "5", "м", "."] },
        { "COVID-19 in 2020-2021 (really)", ["COVID-19", "in", "2020-2021", "(", "really", ")"] },
        { "a - b", ["a", "-", "b"] },
        { "I ❤️ NY 👍🏽!", ["I", "❤️", "NY", "👍🏽", "!"] },
        { "family👨‍👩‍👧time", ["family", "👨‍👩‍👧", "time"] },
        { "naïve café, e\u0301 with a combining accent", ["naïve", "café", ",", "e\u0301", "with", "a", "combining", "accent"] },
        { "日本語のテキスト。", ["日本語のテキスト", "。"] },
        { "price: $5 or 10€ (50%)", ["price", ":", "$", "5", "or", "10", "€", "(", "50", "%", ")"] },
        { "mixed English и русский text", ["mixed", "English", "и", "русский", "text"] },
        { "zero\u200Bwidth\uFEFFsplit", ["zero", "width", "split"] },
        { "", [] },
        { " \t\n ", [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SplitsWordsAndPunctuation(string text, string[] expected) => Assert.Equal(expected, Tokenizer.Tokenize(text));

    [Fact]
    public void LowercasesWithTheInvariantCultureInAnyScript()
    {
        var tokenizer = new WordTokenizer(new TextNormalizer { Lowercase = true });
        Assert.Equal(["привет", ",", "ёжик", "и", "straße", "!"], tokenizer.Tokenize("ПРИВЕТ, Ёжик и STRAẞE!"));
    }

    [Fact]
    public void CanDropPunctuationButKeepsSymbols()
    {
        var tokenizer = new WordTokenizer(keepPunctuation: false);
        Assert.Equal(["Great", "movie", "👍", "don't", "miss", "it", "$", "5"], tokenizer.Tokenize("Great movie!!! 👍 (don't miss it) — $5."));
    }

    [Fact]
    public void WhitespaceDoesNotChangeTheTokens()
    {
        Assert.Equal(Tokenizer.Tokenize("a b, c"), Tokenizer.Tokenize("\ta  b ,\r\n c "));
    }

    [Fact]
    public void NoTokenEndsWithTheSubwordMarker()
    {
        Assert.Equal(["a", "@", "@", "b", "@", "@"], Tokenizer.Tokenize("a@@ b@@"));
    }

    [Fact]
    public void NoTokenContainsWhiteSpace()
    {
        // U+0600 (a prepended concatenation mark) forms one grapheme cluster with the following space.
        Assert.Equal(["\u0600", "x", "!", "\u0301"], Tokenizer.Tokenize("\u0600 x! \u0301"));
    }

    [Fact]
    public void UnpairedSurrogatesDoNotThrow()
    {
        Assert.Equal(["ab", "\uD800", "cd"], Tokenizer.Tokenize("ab\uD800cd"));
    }
}
