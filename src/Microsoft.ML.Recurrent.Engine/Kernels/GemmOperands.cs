namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>Pinned operands of one GEMM call, shared read-only by the threads that compute it.</summary>
internal unsafe struct GemmOperands
{
    /// <summary>Rows of C.</summary>
    public int M;

    /// <summary>Columns of C.</summary>
    public int N;

    /// <summary>Reduction depth.</summary>
    public int K;

    /// <summary>Storage of A.</summary>
    public float* A;

    /// <summary>Row stride of A as stored.</summary>
    public int Lda;

    /// <summary>Whether op(A) is the transpose of the stored A.</summary>
    public bool TransposeA;

    /// <summary>Storage of B; unused when <see cref="PackedB"/> is set.</summary>
    public float* B;

    /// <summary>Row stride of B as stored.</summary>
    public int Ldb;

    /// <summary>Whether op(B) is the transpose of the stored B.</summary>
    public bool TransposeB;

    /// <summary>Pre-packed op(B) (see <see cref="Gemm.PackRight"/>), or null to pack B on the fly.</summary>
    public float* PackedB;

    /// <summary>Storage of C.</summary>
    public float* C;

    /// <summary>Row stride of C.</summary>
    public int Ldc;

    /// <summary>Whether the product is added to C instead of replacing it.</summary>
    public bool Accumulate;

    /// <summary>
    /// Whether columns are visited last to first. A recurrent step that multiplies by the same weights every step
    /// alternates the direction: the panels used last stay in L1 for the next step, so weights slightly larger than
    /// L1 come partly from L1 instead of all from L2. The arithmetic of every element is unchanged.
    /// </summary>
    public bool ReverseColumns;
}
