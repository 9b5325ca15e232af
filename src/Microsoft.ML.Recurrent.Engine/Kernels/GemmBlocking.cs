using System.Runtime.CompilerServices;

namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>
/// The cache-blocked GEMM loop nest for one micro-kernel. For each NC-column block and KC-deep slice, a KC×NC
/// block of B is packed (it stays in L2); then each MR-row panel of A is packed (it stays in L1) and multiplied by
/// every NR-column panel of the block. A region of at most one row panel reads a row-major B in place instead.
/// Every element of C is summed in the same k order whatever region, tile, B layout or thread computes it, so
/// results depend neither on how the work is split nor on the other rows of the batch. With
/// <see cref="GemmOperands.ReverseColumns"/> the column blocks and panels are visited last to first (see there).
/// </summary>
internal static unsafe class GemmBlocking<TKernel>
    where TKernel : struct, IGemmKernel
{
    /// <summary>Computes rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) and columns
    /// [<paramref name="colStart"/>, <paramref name="colEnd"/>) of C; <paramref name="colStart"/> is a multiple of NR.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(in GemmOperands op, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        int paddedN = (op.N + nr - 1) / nr * nr;
        var workspace = GemmWorkspace.For<TKernel>();

        // A single row panel times a row-major B reads B in place: B would be used only once after packing.
        bool direct = op.PackedB == null && !op.TransposeB && rowEnd - rowStart <= mr;
        int blocks = (colEnd - colStart + TKernel.NC - 1) / TKernel.NC;
        for (int block = 0; block < blocks; block++)
        {
            int jc = colStart + ((op.ReverseColumns ? blocks - 1 - block : block) * TKernel.NC);
            int nc = Math.Min(TKernel.NC, colEnd - jc);
            for (int pc = 0; pc < op.K; pc += TKernel.KC)
            {
                int kc = Math.Min(TKernel.KC, op.K - pc);
                int fullCols = nc / nr * nr;
                float* bBlock, edgePanel;
                nint step = nr, panelStride = (nint)kc * nr;
                if (direct)
                {
                    bBlock = op.B + ((nint)pc * op.Ldb) + jc;
                    step = op.Ldb;
                    panelStride = nr;
                    edgePanel = workspace.BBlock;
                    GemmPacking.PackB(false, bBlock + fullCols, op.Ldb, kc, nc - fullCols, nr, edgePanel);
                }
                else
                {
                    if (op.PackedB != null)
                    {
                        bBlock = op.PackedB + ((nint)pc * paddedN) + ((nint)jc * kc);
                    }
                    else
                    {
                        bBlock = workspace.BBlock;
                        GemmPacking.PackB(op.TransposeB, op.B + GemmPacking.Offset(op.TransposeB, op.Ldb, pc, jc), op.Ldb, kc, nc, nr, bBlock);
                    }

                    edgePanel = bBlock + ((nint)fullCols * kc);
                }

                bool add = op.Accumulate || pc > 0;
                for (int ir = rowStart; ir < rowEnd; ir += mr)
                {
                    int rows = Math.Min(mr, rowEnd - ir);
                    float* a = op.A + GemmPacking.Offset(op.TransposeA, op.Lda, ir, pc);
                    float* panel = workspace.APanel;
                    if (rows == 1 && !op.TransposeA)
                    {
                        panel = a; // A single row is already in panel layout.
                    }
                    else
                    {
                        GemmPacking.PackA(op.TransposeA, a, op.Lda, rows, kc, panel);
                    }

                    float* c = op.C + ((nint)ir * op.Ldc) + jc;
                    if (rows == 1)
                    {
                        // Groups of up to four panels (eight accumulators), the last one possibly shorter.
                        int groups = ((fullCols / nr) + 3) / 4;
                        for (int g = 0; g < groups; g++)
                        {
                            int jr = (op.ReverseColumns ? groups - 1 - g : g) * 4 * nr;
                            TKernel.Row(Math.Min(4, (fullCols - jr) / nr), kc, panel, bBlock + (jr / nr * panelStride), step, panelStride, c + jr, add);
                        }
                    }
                    else
                    {
                        for (int j = 0; j < fullCols; j += nr)
                        {
                            int jr = op.ReverseColumns ? fullCols - nr - j : j;
                            TKernel.Tile(rows, kc, panel, bBlock + (jr / nr * panelStride), step, c + jr, op.Ldc, add);
                        }
                    }

                    if (fullCols < nc)
                    {
                        TKernel.Tile(rows, kc, panel, edgePanel, nr, workspace.EdgeTile, nr, add: false);
                        StoreEdge(workspace.EdgeTile, nr, c + fullCols, op.Ldc, rows, nc - fullCols, add);
                    }
                }
            }
        }
    }

    private static void StoreEdge(float* tile, int nr, float* c, int ldc, int rows, int cols, bool add)
    {
        for (int r = 0; r < rows; r++, tile += nr, c += ldc)
        {
            for (int j = 0; j < cols; j++)
            {
                c[j] = add ? c[j] + tile[j] : tile[j];
            }
        }
    }
}
