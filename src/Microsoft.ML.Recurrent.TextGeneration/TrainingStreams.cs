using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.TextGeneration;

/// <summary>
/// Stateful truncated-BPTT batches over one long text: the text is cut into <c>batch</c> contiguous streams, and window
/// w of an epoch holds characters [w·steps, (w+1)·steps) of every stream, so each stream's state carries from one
/// window to the next. Every epoch after the first shifts all streams by a random offset below the window length, so the
/// window boundaries (where gradients are truncated) move.
/// </summary>
internal sealed class TrainingStreams
{
    private readonly int[] ids;
    private readonly int streamLength;
    private int offset;

    public TrainingStreams(int[] ids, int batch, int steps)
    {
        this.ids = ids;
        Batch = batch;
        Steps = steps;
        streamLength = (ids.Length - steps) / batch; // room for the largest offset (steps − 1) and the last label
        WindowsPerEpoch = streamLength / steps;
    }

    public int Batch { get; }

    public int Steps { get; }

    public int WindowsPerEpoch { get; }

    /// <summary>Fewest characters a text needs for one window per stream.</summary>
    public static long RequiredLength(int batch, int steps) => (long)batch * steps + steps;

    /// <summary>Starts an epoch: the first keeps offset 0, later ones draw it from <paramref name="random"/>.</summary>
    public void StartEpoch(int epoch, RandomSource random) => offset = epoch == 0 ? 0 : random.NextInt(Steps);

    /// <summary>Fills window <paramref name="window"/>'s input ids and next-character labels, time-major [steps, batch].</summary>
    public void Fill(int window, Span<int> inputs, Span<int> labels)
    {
        for (int b = 0; b < Batch; b++)
        {
            int start = offset + b * streamLength + window * Steps;
            for (int t = 0; t < Steps; t++)
            {
                inputs[t * Batch + b] = ids[start + t];
                labels[t * Batch + b] = ids[start + t + 1];
            }
        }
    }
}
