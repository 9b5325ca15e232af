using Microsoft.ML.Recurrent.Engine.Threading;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>
/// How a recurrent loop shares the cores. Large batches split their rows (recurrences of different rows are
/// independent, so parts never wait for each other). Batches too small for that split the hidden units of each step,
/// each part streaming only its share of the weights and meeting the others at a barrier every step.
/// </summary>
/// <param name="SplitUnits">Whether hidden units, not rows, are split.</param>
/// <param name="Parts">Parts per direction: row chunks, or hidden-unit slices.</param>
internal readonly record struct CorePartition(bool SplitUnits, int Parts)
{
    private const int MinRowsPerPart = 8;
    private const int SplitUnitsBelowBatch = 16;
    private const int MinUnitsPerPart = 16;

    /// <summary>Rows-only partition, used by training: chunks per direction so that all directions × chunks fill the cores.</summary>
    public static CorePartition Rows(int batch, int directions) =>
        new(false, Math.Clamp((EngineThreads.Count + directions - 1) / directions, 1, Math.Max(1, batch / MinRowsPerPart)));

    /// <summary>Inference partition: hidden units for small unidirectional batches when another core is available, else rows.</summary>
    public static CorePartition ForInference(int batch, int hiddenSize, int directions)
    {
        int threads = EngineThreads.Count;
        return directions == 1 && batch < SplitUnitsBelowBatch && threads >= 2 && hiddenSize >= 2 * MinUnitsPerPart
            ? new(true, Math.Min(threads, hiddenSize / MinUnitsPerPart))
            : Rows(batch, directions);
    }

    /// <summary>First row of chunk <paramref name="part"/> of a batch split into <see cref="Parts"/> chunks.</summary>
    public int RowStart(int part, int batch) => part * batch / Parts;

    /// <summary>First hidden unit of slice <paramref name="part"/> (slices start on multiples of 8 for whole SIMD vectors).</summary>
    public int UnitStart(int part, int hiddenSize) => part >= Parts ? hiddenSize : part * hiddenSize / Parts / 8 * 8;
}
