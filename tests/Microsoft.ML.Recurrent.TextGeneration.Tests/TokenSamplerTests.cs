namespace Microsoft.ML.Recurrent.TextGeneration.Tests;

public class TokenSamplerTests
{
    // Ids 0-3 are the vocabulary's special ids and get huge logits: they must never be drawn.
    // The characters 4-7 have probabilities 0.4, 0.3, 0.2 and 0.1 at temperature 1.
    private static readonly float[] Logits = [50f, 50f, 50f, 50f, MathF.Log(0.4f), MathF.Log(0.3f), MathF.Log(0.2f), MathF.Log(0.1f)];
    private const int Draws = 40_000;

    private static double[] Frequencies(SamplingOptions options)
    {
        var sampler = new TokenSampler(options, Logits.Length, seed: 1);
        var counts = new double[Logits.Length];
        for (int i = 0; i < Draws; i++)
        {
            counts[sampler.Sample(Logits)]++;
        }

        return counts.Select(c => c / Draws).ToArray();
    }

    private static void AssertFrequencies(double[] expected, double[] actual)
    {
        for (int id = 0; id < expected.Length; id++)
        {
            Assert.True(Math.Abs(expected[id] - actual[id]) < 0.012, $"id {id}: expected {expected[id]:F3}, drew {actual[id]:F3}");
        }
    }

    [Fact]
    public void SamplesTheSoftmaxOfTheCharacterLogits() =>
        AssertFrequencies([0, 0, 0, 0, 0.4, 0.3, 0.2, 0.1], Frequencies(new SamplingOptions()));

    [Fact]
    public void TemperatureDividesTheLogits()
    {
        // p ∝ p₀^(1/T): T = 0.5 squares the probabilities, T = 2 takes their square roots.
        double[] squared = [0.16, 0.09, 0.04, 0.01];
        double[] roots = [Math.Sqrt(0.4), Math.Sqrt(0.3), Math.Sqrt(0.2), Math.Sqrt(0.1)];
        AssertFrequencies([0, 0, 0, 0, .. squared.Select(p => p / squared.Sum())], Frequencies(new SamplingOptions { Temperature = 0.5f }));
        AssertFrequencies([0, 0, 0, 0, .. roots.Select(p => p / roots.Sum())], Frequencies(new SamplingOptions { Temperature = 2f }));
    }

    [Fact]
    public void TopKKeepsTheKMostLikelyRenormalised() =>
        AssertFrequencies([0, 0, 0, 0, 0.4 / 0.7, 0.3 / 0.7, 0, 0], Frequencies(new SamplingOptions { TopK = 2 }));

    [Fact]
    public void TopPKeepsTheSmallestSetReachingP()
    {
        // 0.4 < 0.5 ≤ 0.4 + 0.3: the nucleus for p = 0.5 is the first two; for p = 0.75 the first three.
        AssertFrequencies([0, 0, 0, 0, 0.4 / 0.7, 0.3 / 0.7, 0, 0], Frequencies(new SamplingOptions { TopP = 0.5f }));
        AssertFrequencies([0, 0, 0, 0, 0.4 / 0.9, 0.3 / 0.9, 0.2 / 0.9, 0], Frequencies(new SamplingOptions { TopP = 0.75f }));
    }

    [Fact]
    public void TopPAppliesToTheTopKDistribution()
    {
        // Top-k 3 renormalises to 4/9, 3/9, 2/9; p = 0.7 then needs the first two (4/9 < 0.7 ≤ 7/9).
        AssertFrequencies([0, 0, 0, 0, 0.4 / 0.7, 0.3 / 0.7, 0, 0], Frequencies(new SamplingOptions { TopK = 3, TopP = 0.7f }));
    }

    [Fact]
    public void TheSameSeedDrawsTheSameSequence()
    {
        var options = new SamplingOptions();
        var first = new TokenSampler(options, Logits.Length, seed: 5);
        var second = new TokenSampler(options, Logits.Length, seed: 5);
        Assert.Equal(Enumerable.Range(0, 100).Select(_ => first.Sample(Logits)), Enumerable.Range(0, 100).Select(_ => second.Sample(Logits)));
    }
}
