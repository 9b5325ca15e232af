
namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>Row and column reductions over row-major matrices.</summary>
internal static class Reductions
{
    /// <summary>accumulator[j] += Σ_r matrix[r, j] for a [rows, cols] matrix.</summary>
    public static void AddColumnSums(ReadOnlySpan<float> matrix, int rows, int cols, Span<float> accumulator)
    {
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(matrix.Slice(r * cols, cols), accumulator, accumulator);
        }
    }

    /// <summary>Broadcasts <paramref name="row"/> into every row of a [rows, cols] matrix.</summary>
    public static void FillRows(Span<float> matrix, int rows, ReadOnlySpan<float> row)
    {
        for (int r = 0; r < rows; r++)
        {
            row.CopyTo(matrix.Slice(r * row.Length, row.Length));
        }
    }
}
