using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Text.Batching;

namespace Microsoft.ML.Recurrent.Text.Tests.Batching;

public class LengthBucketBatcherTests
{
    private static int[] Lengths(int count, int seed)
    {
        var random = new RandomSource(seed);
        return Enumerable.Range(0, count).Select(_ => 1 + random.NextInt(60)).ToArray();
    }

    [Fact]
    public void EveryIndexAppearsExactlyOnce()
    {
        int[] lengths = Lengths(1003, seed: 1);
        var batches = new LengthBucketBatcher(batchSize: 32, maxTokens: 900, bucketBatches: 8).CreateBatches(lengths, new RandomSource(7));
        Assert.Equal(Enumerable.Range(0, lengths.Length), batches.SelectMany(b => b).Order());
    }

    [Fact]
    public void RespectsBatchSizeAndTokenBudget()
    {
        int[] lengths = Lengths(2000, seed: 2);
        var batches = new LengthBucketBatcher(batchSize: 64, maxTokens: 1000).CreateBatches(lengths, new RandomSource(3));
        Assert.All(batches, batch =>
        {
            Assert.InRange(batch.Length, 1, 64);
            Assert.True(batch.Length * batch.Max(i => lengths[i]) <= 1000);
        });
    }

    [Fact]
    public void GroupsSimilarLengths()
    {
        int[] lengths = Lengths(4000, seed: 4);
        var random = new RandomSource(5);
        var batches = new LengthBucketBatcher(batchSize: 32, bucketBatches: 50).CreateBatches(lengths, random);
        long padded = batches.Sum(b => (long)b.Length * b.Max(i => lengths[i]));
        long real = lengths.Sum();

        // Random batches of lengths uniform in 1..60 pad to about 1.9× the real tokens; bucketing keeps it near 1.
        Assert.True(padded < real * 1.05, $"padded {padded} vs real {real}");
        double meanSpread = batches.Where(b => b.Length == 32).Average(b => b.Max(i => lengths[i]) - b.Min(i => lengths[i]));
        Assert.True(meanSpread <= 2, $"mean length spread within a batch {meanSpread}");
    }

    [Fact]
    public void SameSeedSameBatchesAndOtherSeedOtherOrder()
    {
        int[] lengths = Lengths(500, seed: 6);
        var batcher = new LengthBucketBatcher(batchSize: 16, bucketBatches: 4);
        var first = batcher.CreateBatches(lengths, new RandomSource(11));
        var again = batcher.CreateBatches(lengths, new RandomSource(11));
        var other = batcher.CreateBatches(lengths, new RandomSource(12));
        Assert.Equal(first, again);
        Assert.NotEqual(first.Select(b => b[0]), other.Select(b => b[0]));
    }

    [Fact]
    public void WithoutRandomSourceSortsAllByLengthThenIndex()
    {
        int[] lengths = [5, 3, 5, 1, 3, 2];
        var batches = new LengthBucketBatcher(batchSize: 2).CreateBatches(lengths);
        Assert.Equal([[3, 5], [1, 4], [0, 2]], batches);
    }

    [Fact]
    public void ASequenceLongerThanTheBudgetGetsItsOwnBatch()
    {
        int[] lengths = [2, 50, 2, 2];
        var batches = new LengthBucketBatcher(batchSize: 8, maxTokens: 6).CreateBatches(lengths);
        Assert.Equal([[0, 2, 3], [1]], batches);
    }

    [Fact]
    public void EmptyInputGivesNoBatches()
    {
        Assert.Empty(new LengthBucketBatcher(4).CreateBatches([], new RandomSource(1)));
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new LengthBucketBatcher(0)).ParamName);
        Assert.Equal("maxTokens", Assert.Throws<ArgumentOutOfRangeException>(() => new LengthBucketBatcher(4, maxTokens: 0)).ParamName);
        var negative = Assert.Throws<ArgumentException>(() => new LengthBucketBatcher(4).CreateBatches([3, -1]));
        Assert.Contains("index 1", negative.Message);
    }
}
