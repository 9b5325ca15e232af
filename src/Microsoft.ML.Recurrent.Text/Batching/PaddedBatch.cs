using Microsoft.ML.Recurrent.Text.Vocabularies;

namespace Microsoft.ML.Recurrent.Text.Batching;

/// <summary>
/// Token-id sequences padded into the engine's time-major layout: <see cref="Ids"/>[t * <see cref="BatchSize"/> + b] is
/// step t of sequence b, so <c>embedding.Forward(batch.Ids, batch.Steps, batch.BatchSize)</c> gives [time, batch, dim]
/// for <c>recurrentLayer.Forward(input, batch.Lengths)</c>.
/// </summary>
public sealed class PaddedBatch
{
    private PaddedBatch(int[] ids, int[] lengths, int[] indices, int steps)
    {
        Ids = ids;
        Lengths = lengths;
        Indices = indices;
        Steps = steps;
    }

    /// <summary>Ids, time-major [<see cref="Steps"/>, <see cref="BatchSize"/>], padded after each sequence's end.</summary>
    public int[] Ids { get; }

    /// <summary>Length of each sequence in batch order.</summary>
    public int[] Lengths { get; }

    /// <summary>Which input sequence each batch column holds.</summary>
    public int[] Indices { get; }

    /// <summary>Padded length: the longest sequence's length.</summary>
    public int Steps { get; }

    /// <summary>Number of sequences.</summary>
    public int BatchSize => Lengths.Length;

    /// <summary>Pads the sequences at <paramref name="indices"/> (all of them when null) in that order.</summary>
    /// <param name="sequences">Token ids per sequence.</param>
    /// <param name="indices">Sequences to take, for example a batch from <see cref="LengthBucketBatcher"/>.</param>
    /// <param name="padId">Id written after each sequence's end.</param>
    /// <exception cref="ArgumentException">No sequence is selected, an index is out of range, or a selected sequence is empty (recurrent layers need at least one step).</exception>
    public static PaddedBatch Create(IReadOnlyList<int[]> sequences, IReadOnlyList<int>? indices = null, int padId = Vocabulary.PadId)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        int[] chosen = indices?.ToArray() ?? Enumerable.Range(0, sequences.Count).ToArray();
        if (chosen.Length == 0)
        {
            throw new ArgumentException("A batch needs at least one sequence.", indices is null ? nameof(sequences) : nameof(indices));
        }

        int[] lengths = new int[chosen.Length];
        for (int b = 0; b < chosen.Length; b++)
        {
            int index = chosen[b];
            if ((uint)index >= (uint)sequences.Count)
            {
                throw new ArgumentException($"Parameter 'indices' has {index} at position {b}; indices must be in [0, {sequences.Count}).", nameof(indices));
            }

            lengths[b] = sequences[index]?.Length ?? 0;
            if (lengths[b] == 0)
            {
                throw new ArgumentException(
                    $"Parameter 'sequences' has an empty or null sequence at index {index}; recurrent layers need at least one step (add begin/end tokens or drop empty texts).",
                    nameof(sequences));
            }
        }

        int steps = lengths.Max();
        int[] ids = new int[steps * chosen.Length];
        ids.AsSpan().Fill(padId);
        for (int b = 0; b < chosen.Length; b++)
        {
            int[] sequence = sequences[chosen[b]];
            for (int t = 0; t < sequence.Length; t++)
            {
                ids[t * chosen.Length + b] = sequence[t];
            }
        }

        return new PaddedBatch(ids, lengths, chosen, steps);
    }
}
