using Microsoft.ML.Recurrent.Engine.Threading;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>
/// How a recurrent loop shares the cores. Large batches split their rows (recurrences of different rows are
/// independent, so parts never wait for each other). Batches too small for that split the hidden units of each step,
/// each part streaming only its share of the weights and meeting the others at a barrier every step. Inference uses
/// only as many threads as the size of the work pays for: small work runs inline, because handing a part to another
/// core (and, for unit slices, a barrier every step) costs more than it saves.
/// </summary>
/// <param name="SplitUnits">Whether hidden units, not rows, are split.</param>
/// <param name="Parts">Parts per direction: row chunks, or hidden-unit slices.</param>
/// <param name="Threads">Threads the parts may use (1: all parts run on the calling thread).</param>
internal readonly record struct CorePartition(bool SplitUnits, int Parts, int Threads)
{
    /// <summary>
    /// Multiply-adds per step that each hidden-unit slice must carry for the per-step barrier to pay (about 2 µs of
    /// weight streaming against a cross-core round trip of 0.2–0.5 µs on a virtual machine).
    /// </summary>
    internal const long MinSliceWorkPerStep = 1L << 16;

    /// <summary>Multiply-adds a row or direction split must carry in total to pay for handing parts to another thread.</summary>
    internal const long MinParallelWork = 1L << 18;

    private const int MinRowsPerPart = 8;
    private const int SplitUnitsBelowBatch = 16;
    private const int MinUnitsPerPart = 16;

    /// <summary>Rows-only partition, used by training: chunks per direction so that all directions × chunks fill the cores.</summary>
    public static CorePartition Rows(int batch, int directions)
    {
        int threads = EngineThreads.Count;
        int parts = Math.Clamp((threads + directions - 1) / directions, 1, Math.Max(1, batch / MinRowsPerPart));
        return new(false, parts, threads);
    }

    /// <summary>
    /// Inference partition of one layer (or, for streaming, one step of each layer): hidden-unit slices for small
    /// unidirectional batches whose steps carry enough work, else rows; inline when the whole work is small.
    /// </summary>
    /// <param name="batch">Rows in the batch.</param>
    /// <param name="steps">Timesteps the call advances (1 for a streaming step).</param>
    /// <param name="inputSize">Input features of the layer.</param>
    /// <param name="hiddenSize">Hidden units.</param>
    /// <param name="gateCount">Gate blocks of the cell (LSTM 4, GRU 3, RNN 1).</param>
    /// <param name="directions">1 or 2.</param>
    public static CorePartition ForInference(int batch, int steps, int inputSize, int hiddenSize, int gateCount, int directions)
    {
        int threads = EngineThreads.Count;
        long stepWork = (long)batch * (inputSize + hiddenSize) * gateCount * hiddenSize;
        if (directions == 1 && batch < SplitUnitsBelowBatch && threads >= 2)
        {
            long slices = Math.Min(Math.Min(threads, hiddenSize / MinUnitsPerPart), stepWork / MinSliceWorkPerStep);
            if (slices >= 2)
            {
                return new(true, (int)slices, (int)slices);
            }
        }

        var rows = Rows(batch, directions);
        bool worthSharing = stepWork * steps * directions >= MinParallelWork;
        return rows with { Threads = worthSharing ? Math.Min(threads, directions * rows.Parts) : 1 };
    }

    /// <summary>First row of chunk <paramref name="part"/> of a batch split into <see cref="Parts"/> chunks.</summary>
    public int RowStart(int part, int batch) => part * batch / Parts;

    /// <summary>First hidden unit of slice <paramref name="part"/> (slices start on multiples of 8 for whole SIMD vectors).</summary>
    public int UnitStart(int part, int hiddenSize) => part >= Parts ? hiddenSize : part * hiddenSize / Parts / 8 * 8;
}
