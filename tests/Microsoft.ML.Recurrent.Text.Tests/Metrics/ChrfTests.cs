using Microsoft.ML.Recurrent.Text.Metrics;

namespace Microsoft.ML.Recurrent.Text.Tests.Metrics;

/// <summary>
/// chrF against sacreBLEU's expected values: github.com/mjpost/sacrebleu at commit
/// f615c7286d4d813370efb824d94fc2bfcd3a6b94, test/test_chrf.py (tolerance 1e-4 as there) and README.md.
/// </summary>
public class ChrfTests
{
    private const double Epsilon = 1e-4;

    [Fact]
    public void DefaultCorpusChrfMatchesTheReadme()
    {
        string[] hypotheses = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];
        IReadOnlyList<string>[] references =
        [
            ["The dog bit the man.", "The dog had bit the man."],
            ["It was not unexpected.", "No one was surprised."],
            ["The man bit him first.", "The man had bitten the dog."],
        ];
        var score = new Chrf().CorpusScore(hypotheses, references);
        Assert.Equal("chrF2 = 59.73", score.ToString());
    }

    [Theory]
    [InlineData("Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.",
        "Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.", 39.14078509)]
    [InlineData("Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.",
        "A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.", 31.22557079)]
    [InlineData("Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.",
        "Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli.", 57.15704367)]
    public void SentenceChrfWithEpsilonSmoothing(string hypothesis, string reference, double expected)
    {
        Assert.Equal(expected, new Chrf { EpsilonSmoothing = true }.SentenceScore(hypothesis, reference).Score, Epsilon);
    }

    public static TheoryData<string[], string[], double> EpsilonCases() => new()
    {
        { ["abcdefg"], ["hijklmnop"], 0.0 },
        { ["a"], ["b"], 0.0 },
        { [""], ["b"], 0.0 },
        { [""], ["ref"], 0.0 },
        { [""], ["reference"], 0.0 },
        { ["aa"], ["ab"], 8.3333 },
        { ["a", "b"], ["a", "c"], 8.3333 },
        { ["a"], ["a"], 16.6667 },
        { ["a b c"], ["a b c"], 50.0 },
        { ["a b c"], ["abc"], 50.0 },
        {
            [" risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists ."],
            ["risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists ."],
            63.361730
        },
        {
            [" Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. "],
            ["Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich."],
            64.1302698
        },
        { ["Niemand hat die Absicht, eine Mauer zu errichten"], ["Niemand hat die Absicht, eine Mauer zu errichten"], 100.0 },
    };

    [Theory]
    [MemberData(nameof(EpsilonCases))]
    public void BetaThreeWithEpsilonSmoothing(string[] hypotheses, string[] references, double expected)
    {
        Assert.Equal(expected, new Chrf { Beta = 3, EpsilonSmoothing = true }.CorpusScore(hypotheses, references).Score, Epsilon);
    }

    public static TheoryData<string[], string[], double> EffectiveOrderCases() => new()
    {
        { ["a"], ["a"], 100.0 },
        { [""], ["reference"], 0.0 },
        { ["a b c"], ["a b c"], 100.0 },
        { ["a b c"], ["abc"], 100.0 },
        { [""], ["c"], 0.0 },
        { ["a", "b"], ["a", "c"], 50.0 },
        { ["aa"], ["ab"], 25.0 },
    };

    [Theory]
    [MemberData(nameof(EffectiveOrderCases))]
    public void BetaThreeWithEffectiveOrder(string[] hypotheses, string[] references, double expected)
    {
        Assert.Equal(expected, new Chrf { Beta = 3 }.CorpusScore(hypotheses, references).Score, Epsilon);
    }

    [Theory]
    [InlineData("Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.",
        "Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.", 67.3481606)]
    [InlineData("risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .",
        "risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .", 65.2414427)]
    public void BetaThreeKeepingWhitespace(string hypothesis, string reference, double expected)
    {
        Assert.Equal(expected, new Chrf { Beta = 3, IncludeWhitespace = true }.CorpusScore([hypothesis], [reference]).Score, Epsilon);
    }

    [Fact]
    public void CountsCodePointsNotUtf16Units()
    {
        // One astral character per side: with UTF-16 units the surrogate halves would give spurious partial matches.
        Assert.Equal(0.0, new Chrf().SentenceScore("😀", "😃").Score);
        Assert.Equal(100.0, new Chrf().SentenceScore("Привет 👋", "Привет👋").Score, 1e-9);
    }

    [Fact]
    public void LowercaseMakesItCaseInsensitive()
    {
        Assert.Equal(100.0, new Chrf { Lowercase = true }.SentenceScore("КАК дела", "как ДЕЛА").Score, 1e-9);
        Assert.True(new Chrf().SentenceScore("КАК дела", "как ДЕЛА").Score < 60);
    }

    [Fact]
    public void TheBestReferenceIsChosenPerSegment()
    {
        var chrf = new Chrf();
        double alone = chrf.SentenceScore("the cat sat", "the cat sat").Score;
        Assert.Equal(alone, chrf.SentenceScore("the cat sat", "a dog ran", "the cat sat").Score, 1e-12);
    }
}
