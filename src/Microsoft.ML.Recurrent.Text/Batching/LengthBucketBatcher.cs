using System.Runtime.InteropServices;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Text.Batching;

/// <summary>
/// Groups sequences of similar length into batches, so little padding is computed. With a random source (training)
/// the indices are shuffled, cut into buckets of <see cref="BucketBatches"/> × <see cref="BatchSize"/>, sorted by
/// length within each bucket and cut into batches, and the batch order is shuffled; the same seed gives the same
/// batches. Without one (evaluation) all indices are sorted by length (ties by index) and batches come shortest first.
/// A batch holds at most <see cref="BatchSize"/> sequences and, with <see cref="MaxTokens"/>, at most that many padded
/// tokens (sequences × longest length); a sequence longer than the budget gets a batch of its own.
/// </summary>
public sealed class LengthBucketBatcher
{
    /// <summary>Creates a batcher.</summary>
    /// <param name="batchSize">Maximum sequences per batch.</param>
    /// <param name="maxTokens">Optional maximum padded tokens per batch.</param>
    /// <param name="bucketBatches">Batches' worth of sequences sorted together; larger means less padding but less randomness.</param>
    public LengthBucketBatcher(int batchSize, int? maxTokens = null, int bucketBatches = 50)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bucketBatches);
        if (maxTokens <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTokens), maxTokens, "Parameter 'maxTokens' must be positive when given.");
        }

        BatchSize = batchSize;
        MaxTokens = maxTokens;
        BucketBatches = bucketBatches;
    }

    /// <summary>Maximum sequences per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Maximum padded tokens per batch, or null for no limit.</summary>
    public int? MaxTokens { get; }

    /// <summary>Batches' worth of sequences sorted by length together.</summary>
    public int BucketBatches { get; }

    /// <summary>Returns batches of indices into <paramref name="lengths"/>; every index appears in exactly one batch.</summary>
    /// <param name="lengths">Length of each sequence (non-negative).</param>
    /// <param name="random">Shuffles for training; null gives the deterministic evaluation order.</param>
    public IReadOnlyList<int[]> CreateBatches(ReadOnlySpan<int> lengths, RandomSource? random = null)
    {
        for (int i = 0; i < lengths.Length; i++)
        {
            if (lengths[i] < 0)
            {
                throw new ArgumentException($"Parameter 'lengths' has the negative length {lengths[i]} at index {i}.", nameof(lengths));
            }
        }

        int[] sizes = lengths.ToArray();
        int[] order = Enumerable.Range(0, sizes.Length).ToArray();
        int bucket = Math.Max(sizes.Length, 1);
        if (random is not null)
        {
            random.Shuffle(order.AsSpan());
            bucket = (int)Math.Min((long)BatchSize * BucketBatches, bucket);
        }

        var batches = new List<int[]>();
        for (int start = 0; start < order.Length; start += bucket)
        {
            // OrderBy is stable: equal lengths keep their shuffled (or index) order.
            int[] sorted = order[start..Math.Min(start + bucket, order.Length)].OrderBy(i => sizes[i]).ToArray();
            Cut(sorted, sizes, batches);
        }

        if (random is not null)
        {
            random.Shuffle(CollectionsMarshal.AsSpan(batches));
        }

        return batches;
    }

    private void Cut(int[] sorted, int[] lengths, List<int[]> batches)
    {
        int first = 0, longest = 0;
        for (int i = 0; i < sorted.Length; i++)
        {
            int count = i - first;
            int widest = Math.Max(longest, lengths[sorted[i]]);
            bool full = count == BatchSize || (count > 0 && (long)widest * (count + 1) > MaxTokens);
            if (full)
            {
                batches.Add(sorted[first..i]);
                first = i;
                widest = lengths[sorted[i]];
            }

            longest = widest;
        }

        if (first < sorted.Length)
        {
            batches.Add(sorted[first..]);
        }
    }
}
