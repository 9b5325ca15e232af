using Microsoft.ML.Recurrent.Engine.Threading;

namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>
/// Runs one GEMM on the calling thread or splits it over <see cref="EngineThreads.Count"/> threads. Parts are
/// disjoint bands of whole MR-row panels or NR-column panels of C (the k dimension is never split), so each element
/// is computed by one thread in a fixed order and results are bit-identical for any thread count.
/// </summary>
internal sealed unsafe class GemmParallel : ParallelJob
{
    /// <summary>Products smaller than this many multiply-adds run on the calling thread.</summary>
    private const long MinParallelWork = 1L << 18;

    [ThreadStatic]
    private static GemmParallel? cached;

    private GemmOperands operands;
    private GemmKernelLevel level;
    private bool splitRows;
    private int unit;
    private int units;

    /// <summary>Computes <c>C (+)= op(A)·op(B)</c> for <paramref name="op"/> with kernel <paramref name="kernelLevel"/>.</summary>
    public static void Run(in GemmOperands op, GemmKernelLevel kernelLevel)
    {
        int threads = EngineThreads.Count;
        if (threads > 1 && (long)op.M * op.N * op.K >= MinParallelWork)
        {
            var (mr, nr) = TileShape(kernelLevel);
            int rowPanels = (op.M + mr - 1) / mr;
            int colPanels = (op.N + nr - 1) / nr;

            // Splitting columns repacks A on every thread, splitting rows repacks B (unless it is pre-packed).
            // Prefer the split with more panels, favouring rows when B is already packed.
            bool splitRows = op.PackedB != null ? rowPanels >= threads : rowPanels > colPanels;
            int units = splitRows ? rowPanels : colPanels;
            int parts = Math.Min(threads, units);
            if (parts > 1)
            {
                var job = cached ??= new GemmParallel();
                job.operands = op;
                job.level = kernelLevel;
                job.splitRows = splitRows;
                job.unit = splitRows ? mr : nr;
                job.units = units;
                WorkerPool.Run(job, parts);
                return;
            }
        }

        Compute(op, kernelLevel, 0, op.M, 0, op.N);
    }

    /// <inheritdoc/>
    public override void Execute(int part, int partCount)
    {
        int start = (int)((long)units * part / partCount) * unit;
        int end = (int)((long)units * (part + 1) / partCount) * unit;
        if (splitRows)
        {
            Compute(operands, level, start, Math.Min(end, operands.M), 0, operands.N);
        }
        else
        {
            Compute(operands, level, 0, operands.M, start, Math.Min(end, operands.N));
        }
    }

    /// <summary>Micro-tile rows and columns of a kernel level.</summary>
    public static (int MR, int NR) TileShape(GemmKernelLevel kernelLevel) => kernelLevel switch
    {
        GemmKernelLevel.Avx512 => (GemmKernelAvx512.MR, GemmKernelAvx512.NR),
        GemmKernelLevel.Avx2 => (GemmKernelAvx2.MR, GemmKernelAvx2.NR),
        _ => (GemmKernelScalar.MR, GemmKernelScalar.NR),
    };

    private static void Compute(in GemmOperands op, GemmKernelLevel kernelLevel, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        switch (kernelLevel)
        {
            case GemmKernelLevel.Avx512:
                GemmBlocking<GemmKernelAvx512>.Compute(op, rowStart, rowEnd, colStart, colEnd);
                break;
            case GemmKernelLevel.Avx2:
                GemmBlocking<GemmKernelAvx2>.Compute(op, rowStart, rowEnd, colStart, colEnd);
                break;
            default:
                GemmBlocking<GemmKernelScalar>.Compute(op, rowStart, rowEnd, colStart, colEnd);
                break;
        }
    }
}
