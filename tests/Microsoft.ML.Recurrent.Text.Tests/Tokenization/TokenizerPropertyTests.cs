using System.Text;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Text.Subwords;
using Microsoft.ML.Recurrent.Text.Tokenization;
using Microsoft.ML.Recurrent.Text.Vocabularies;

namespace Microsoft.ML.Recurrent.Text.Tests.Tokenization;

/// <summary>Invariants on random text mixing scripts, digits, punctuation, emoji, combining marks and odd white space.</summary>
public class TokenizerPropertyTests
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "é", "ж", "Ё", "ß", "日", "3", "0", ".", ",", ":", "'", "’", "-", "—", "!", "?", "(", ")", "«", "»", "\"",
        "@", "$", "%", "/", "😀", "👍🏽", "👨‍👩‍👧", "❤️", "\u0301", "\u200D", "\u200B", " ", " ", "\t", "\n", "\u00A0", "\u0600",
    ];

    private static List<string> RandomTexts(int count, int seed)
    {
        var random = new RandomSource(seed);
        var texts = new List<string>(count);
        for (int t = 0; t < count; t++)
        {
            var text = new StringBuilder();
            int length = random.NextInt(40);
            for (int i = 0; i < length; i++)
            {
                text.Append(Pieces[random.NextInt(Pieces.Length)]);
            }

            texts.Add(text.ToString());
        }

        return texts;
    }

    [Fact]
    public void WordTokensAreNonEmptyWithoutWhiteSpaceAndStable()
    {
        var tokenizer = new WordTokenizer();
        foreach (string text in RandomTexts(2000, seed: 1))
        {
            var tokens = tokenizer.Tokenize(text);
            Assert.All(tokens, token =>
            {
                Assert.NotEqual("", token);
                Assert.DoesNotContain(token.EnumerateRunes(), Rune.IsWhiteSpace);
                Assert.False(token.EndsWith(BpeModel.ContinuationMarker, StringComparison.Ordinal), token);
            });

            // Spacing the tokens out and tokenizing again gives the same tokens.
            Assert.Equal(tokens, tokenizer.Tokenize(string.Join(" ", tokens)));
        }
    }

    [Fact]
    public void SubwordsOfAnyWordTokensDecodeExactly()
    {
        var tokenizer = new WordTokenizer();
        var sequences = RandomTexts(1000, seed: 2).Select(tokenizer.Tokenize).ToList();
        var model = BpeModel.Learn(TokenCounts.FromSequences(sequences), mergeCount: 200, minFrequency: 1);
        foreach (var tokens in sequences)
        {
            Assert.Equal(tokens, BpeModel.Decode(model.Encode(tokens)));
        }
    }

    [Fact]
    public void CharacterTokensRebuildWellFormedText()
    {
        var tokenizer = new CharacterTokenizer();
        foreach (string text in RandomTexts(500, seed: 3))
        {
            var tokens = tokenizer.Tokenize(text);
            Assert.All(tokens, token => Assert.Single(token.EnumerateRunes()));
            Assert.Equal(text, tokenizer.Detokenize(tokens));
        }
    }
}
