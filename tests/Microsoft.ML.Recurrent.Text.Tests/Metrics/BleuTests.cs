using Microsoft.ML.Recurrent.Text.Metrics;

namespace Microsoft.ML.Recurrent.Text.Tests.Metrics;

/// <summary>
/// Corpus BLEU against sacreBLEU's own expected values: github.com/mjpost/sacrebleu at commit
/// f615c7286d4d813370efb824d94fc2bfcd3a6b94, test/test_bleu.py and README.md (see TestData/metrics/README.md).
/// </summary>
public class BleuTests
{
    private const double Epsilon = 1e-8;

    // sacreBLEU passes references as streams (refs[k][i] = k-th reference of segment i); ours are per segment.
    private static readonly string[] Hypotheses = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];

    private static readonly IReadOnlyList<string>[] References =
    [
        ["The dog bit the man.", "The dog had bit the man."],
        ["It was not unexpected.", "No one was surprised."],
        ["The man bit him first.", "The man had bitten the dog."],
    ];

    /// <summary>Python's raw_corpus_bleu: no tokenization, floor smoothing, effective order.</summary>
    private static Bleu Raw(double floor) => new() { Tokenization = BleuTokenization.None, Smoothing = BleuSmoothing.Floor, SmoothingValue = floor, EffectiveOrder = true };

    [Fact]
    public void DefaultSettingsMatchTheReadmeLine()
    {
        var score = new Bleu().CorpusScore(Hypotheses, References);
        Assert.Equal(48.530827, score.Score, Epsilon);
        Assert.Equal("BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)", score.ToString());
    }

    [Theory]
    [InlineData(BleuTokenization.Mteval13a, BleuSmoothing.Exponential, 48.530827)]
    [InlineData(BleuTokenization.None, BleuSmoothing.Exponential, 49.1919566)]
    [InlineData(BleuTokenization.Mteval13a, BleuSmoothing.None, 48.530827)]
    public void CorpusBleuCases(BleuTokenization tokenization, BleuSmoothing smoothing, double expected)
    {
        var bleu = new Bleu { Tokenization = tokenization, Smoothing = smoothing };
        Assert.Equal(expected, bleu.CorpusScore(Hypotheses, References).Score, Epsilon);
    }

    [Fact]
    public void EmptyHypothesesScoreZero()
    {
        Assert.Equal(0.0, new Bleu().CorpusScore(["", "", ""], References).Score);
    }

    [Fact]
    public void AnEmptyReferenceStillCountsForTheClosestLength()
    {
        IReadOnlyList<string>[] references = [["", "The dog had bit the man."], References[1], References[2]];
        var score = new Bleu().CorpusScore(Hypotheses, references);
        Assert.Equal("BLEU = 29.44 82.4/42.9/27.3/12.5 (BP = 0.889 ratio = 0.895 hyp_len = 17 ref_len = 19)", score.ToString());
    }

    [Theory]
    [InlineData(1, "77.65")]
    [InlineData(2, "60.50")]
    [InlineData(3, "53.93")]
    [InlineData(4, "48.53")]
    [InlineData(5, "46.14")]
    [InlineData(6, "43.28")]
    public void MaxOrder(int order, string expected)
    {
        Assert.Equal(expected, new Bleu { MaxOrder = order }.CorpusScore(Hypotheses, References).Score.ToString("F2", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(new[] { "this is a test", "another test" }, new[] { "ref1", "ref2" }, 0.0)]
    [InlineData(new[] { "this is a test" }, new[] { "this is a test" }, 1.0)]
    [InlineData(new[] { "this is a fest" }, new[] { "this is a test" }, 0.223606797749979)]
    [InlineData(new[] { "test" }, new[] { "a test" }, 0.3678794411714425)]
    [InlineData(new[] { "a test" }, new[] { "a test" }, 1.0)]
    [InlineData(new[] { "a little test" }, new[] { "a test" }, 0.03218297948685433)]
    public void RawBleuWithEffectiveOrder(string[] hypotheses, string[] references, double expected)
    {
        Assert.Equal(expected, Raw(0.01).CorpusScore(hypotheses, references).Score / 100, Epsilon);
    }

    [Fact]
    public void FloorOffset()
    {
        string[] hypotheses = ["am I am a character sequence"];
        string[] references = ["I am a symbol string sequence a a"];
        Assert.Equal(0.0, Raw(0.0).CorpusScore(hypotheses, references).Score / 100, Epsilon);
        Assert.Equal(0.1555722182, Raw(0.1).CorpusScore(hypotheses, references).Score / 100, Epsilon);
        var defaultFloor = new Bleu { Tokenization = BleuTokenization.None, Smoothing = BleuSmoothing.Floor, EffectiveOrder = true };
        Assert.Equal(0.1555722182, defaultFloor.CorpusScore(hypotheses, references).Score / 100, Epsilon);
    }

    [Fact]
    public void Statistics()
    {
        var score = Raw(0.01).CorpusScore(["am I am a character sequence"], ["I am a symbol string sequence a a"]);
        Assert.Equal([4L, 2, 1, 0], score.Matches);
        Assert.Equal([6L, 5, 4, 3], score.Totals);
    }

    [Fact]
    public void ScoringFromStatistics()
    {
        var score = new Bleu { Smoothing = BleuSmoothing.None }.Compute([9, 7, 5, 3], [10, 8, 6, 4], 11, 11);
        Assert.Equal(0.8375922397, score.Score / 100, Epsilon);
    }

    [Theory]
    [InlineData(new long[] { 0, 0, 0, 0 }, new long[] { 4, 4, 2, 1 }, 0, 1, 0.0)]
    [InlineData(new long[] { 0, 0, 0, 0 }, new long[] { 10, 11, 12, 0 }, 14, 10, 0.0)]
    [InlineData(new long[] { 0, 0, 0, 0 }, new long[] { 0, 0, 0, 0 }, 0, 0, 0.0)]
    [InlineData(new long[] { 6, 5, 4, 0 }, new long[] { 6, 5, 4, 3 }, 6, 6, 0.0)]
    [InlineData(new long[] { 0, 0, 0, 0 }, new long[] { 0, 0, 0, 0 }, 0, 0, 0.1)]
    [InlineData(new long[] { 0, 0, 0, 0 }, new long[] { 0, 0, 0, 0 }, 1, 5, 0.01)]
    public void DegenerateStatisticsScoreZero(long[] matches, long[] totals, long hypothesisLength, long referenceLength, double floor)
    {
        var bleu = new Bleu { Smoothing = BleuSmoothing.Floor, SmoothingValue = floor };
        Assert.Equal(0.0, bleu.Compute(matches, totals, hypothesisLength, referenceLength).Score);
    }

    [Fact]
    public void BadCorporaAreRejected()
    {
        var bleu = new Bleu();
        Assert.Contains("2 entries for 3 hypotheses", Assert.Throws<ArgumentException>(() => bleu.CorpusScore(Hypotheses, ["a", "b"])).Message);
        Assert.Throws<ArgumentException>(() => bleu.CorpusScore([], Array.Empty<string>()));
        Assert.Contains("index 1", Assert.Throws<ArgumentException>(() => bleu.CorpusScore(["a", "b"], [["a"], []])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Bleu { MaxOrder = 0 });
    }
}
