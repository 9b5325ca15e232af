using Microsoft.ML.Recurrent.Text.Detokenization;
using Microsoft.ML.Recurrent.Text.Subwords;
using Microsoft.ML.Recurrent.Text.Tokenization;

namespace Microsoft.ML.Recurrent.Text.Tests.Detokenization;

public class DetokenizerTests
{
    public static TheoryData<string[], string> Cases() => new()
    {
        { ["как", "дела", "?"], "как дела?" },
        { ["Как", "дела", "?"], "Как дела?" },
        { ["Hello", ",", "world", "!"], "Hello, world!" },
        { ["Wait", ".", ".", ".", "what", "?", "!"], "Wait... what?!" },
        { ["He", "said", "(", "quietly", ")", ":", "no", "."], "He said (quietly): no." },
        { ["a", "[", "1", "]", "and", "{", "x", "}"], "a [1] and {x}" },
        { ["She", "said", "\"", "hi", "\"", "and", "left", "."], "She said \"hi\" and left." },
        { ["\"", "Yes", ",", "\"", "he", "said", ",", "\"", "no", ".", "\""], "\"Yes,\" he said, \"no.\"" },
        { ["'", "quoted", "'", "word"], "'quoted' word" },
        { ["“", "Smart", "”", "quotes", "‘", "too", "’"], "“Smart” quotes ‘too’" },
        { ["Он", "сказал", ":", "«", "Привет", "»", "."], "Он сказал: «Привет»." },
        { ["„", "Innen", "“", "und", "„", "außen", "“"], "„Innen“ und „außen“" },
        { ["Москва", "—", "столица", "России", "."], "Москва — столица России." },
        { ["—", "Привет", "!", "—", "сказал", "он", "."], "— Привет! — сказал он." },
        { ["pages", "10", "–", "20"], "pages 10 – 20" },
        { ["John", "'s", "car", "is", "n't", "here", ",", "they", "'re", "late"], "John's car isn't here, they're late" },
        { ["it", "’s", "fine"], "it’s fine" },
        { ["don't", "worry", "it's", "O’Neill's"], "don't worry it's O’Neill's" },
        { ["50", "%", "of", "$", "5", "and", "£", "3"], "50% of $5 and £3" },
        { ["and", "/", "or"], "and/or" },
        { ["¿", "Qué", "?", "¡", "Sí", "!"], "¿Qué? ¡Sí!" },
        { ["I", "❤️", "NY", "👍🏽", "!"], "I ❤️ NY 👍🏽!" },
        { ["a", "", "b"], "a b" },
        { [], "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void JoinsTokensIntoText(string[] tokens, string expected) => Assert.Equal(expected, Detokenizer.Detokenize(tokens));

    [Fact]
    public void SubwordsAreMergedFirst()
    {
        string[] subwords = ["«", "Кош@@", "ка", "»", "сиде@@", "ла", "на", "ко@@", "вр@@", "ике", "?"];
        Assert.Equal("«Кошка» сидела на коврике?", Detokenizer.Detokenize(BpeModel.Decode(subwords)));
    }

    [Theory]
    [InlineData("Hello, world! How are you?")]
    [InlineData("Он сказал: «Привет». Кто-то пришёл — и ушёл.")]
    [InlineData("Don't panic (it's fine): 3.14% of $5, and/or 1,000 people!")]
    [InlineData("She said \"hi\" and left.")]
    [InlineData("Что? Где? Когда?!")]
    public void InvertsTheWordTokenizerOnNormallyWrittenText(string text)
    {
        var tokenizer = new WordTokenizer();
        Assert.Equal(text, tokenizer.Detokenize(tokenizer.Tokenize(text)));
    }
}
