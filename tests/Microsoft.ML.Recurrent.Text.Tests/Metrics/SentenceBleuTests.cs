using Microsoft.ML.Recurrent.Text.Metrics;

namespace Microsoft.ML.Recurrent.Text.Tests.Metrics;

/// <summary>
/// Sentence BLEU (effective order) against sacreBLEU's expected values: github.com/mjpost/sacrebleu at commit
/// f615c7286d4d813370efb824d94fc2bfcd3a6b94, test/test_sentence_bleu.py (tolerance 1e-3 as there).
/// </summary>
public class SentenceBleuTests
{
    // Example from sacreBLEU issue #98: Romanian with a cedilla/comma-below mismatch (ţ vs ț).
    private const string Reference = "producţia de zahăr brut se exprimă în zahăr alb;";
    private const string System = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";

    [Theory]
    [InlineData(BleuSmoothing.Exponential, null, false, BleuTokenization.Mteval13a, 8.493)]
    [InlineData(BleuSmoothing.None, null, false, BleuTokenization.Mteval13a, 0.0)]
    [InlineData(BleuSmoothing.Floor, null, false, BleuTokenization.Mteval13a, 4.51688)]
    [InlineData(BleuSmoothing.Floor, 0.1, false, BleuTokenization.Mteval13a, 4.51688)]
    [InlineData(BleuSmoothing.Floor, 0.5, false, BleuTokenization.Mteval13a, 10.10)]
    [InlineData(BleuSmoothing.AddK, null, false, BleuTokenization.Mteval13a, 14.882)]
    [InlineData(BleuSmoothing.AddK, 1.0, false, BleuTokenization.Mteval13a, 14.882)]
    [InlineData(BleuSmoothing.AddK, 2.0, false, BleuTokenization.Mteval13a, 21.389)]
    [InlineData(BleuSmoothing.Exponential, null, false, BleuTokenization.None, 7.347)]
    [InlineData(BleuSmoothing.Exponential, null, false, BleuTokenization.Character, 40.8759)]
    [InlineData(BleuSmoothing.Exponential, null, true, BleuTokenization.Character, 42.0267)]
    public void RomanianExample(BleuSmoothing smoothing, double? value, bool lowercase, BleuTokenization tokenization, double expected)
    {
        var bleu = new Bleu { Smoothing = smoothing, SmoothingValue = value, Lowercase = lowercase, Tokenization = tokenization, EffectiveOrder = true };
        Assert.Equal(expected, bleu.SentenceScore(System, Reference).Score, 1e-3);
    }

    [Theory]
    [InlineData(BleuSmoothing.Exponential)]
    [InlineData(BleuSmoothing.None)]
    [InlineData(BleuSmoothing.Floor)]
    [InlineData(BleuSmoothing.AddK)]
    public void NoMatchesScoreZeroWhateverTheSmoothing(BleuSmoothing smoothing)
    {
        // sacreBLEU issue #141.
        Assert.Equal(0.0, new Bleu { Smoothing = smoothing, EffectiveOrder = true }.SentenceScore("this is a cat", "okay thanks").Score);
    }

    [Fact]
    public void SeveralReferencesAndRussianText()
    {
        var bleu = new Bleu { EffectiveOrder = true };
        Assert.Equal(100.0, bleu.SentenceScore("Кот сидел на коврике.", "Кошка сидела на ковре.", "Кот сидел на коврике.").Score, 1e-9);
        Assert.Equal(100.0, new Bleu { Lowercase = true, EffectiveOrder = true }.SentenceScore("КАК ДЕЛА?", "как дела?").Score, 1e-9);
    }

    [Fact]
    public void Mteval13aSplitsPunctuationButNotNumbers()
    {
        // "3.5" and "1,000" stay whole; "-" after a digit, quotes, brackets and the final period are split off.
        var score = new Bleu { Smoothing = BleuSmoothing.None }.SentenceScore("It costs 3.5 (or 1,000) \"units\" 5-6 times.", "It costs 3.5 ( or 1,000 ) \" units \" 5 - 6 times .");
        Assert.Equal(100.0, score.Score, 1e-9);
        Assert.Equal(15, score.HypothesisLength);
    }
}
