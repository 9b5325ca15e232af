using System.Runtime.CompilerServices;
using Microsoft.ML.Recurrent.Engine.Kernels;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>
/// One direction's weights restricted to hidden units [<see cref="UnitStart"/>, <see cref="UnitStart"/> + <see cref="UnitCount"/>),
/// packed for the matrix kernels and gathered gate by gate, so the cell kernel sees a cell of hidden size
/// <see cref="UnitCount"/>. The whole range serves training and batched inference; slices let small-batch inference
/// and streaming split the units of one step over cores, each core streaming only its share of the weights.
/// </summary>
internal sealed class UnitSliceWeights
{
    private float[] gathered = Array.Empty<float>();
    private (RecurrentDirection? Unit, int Start, int Count, long InputWeight, long RecurrentWeight, long InputBias, long RecurrentBias) packedStamp;

    public int UnitStart { get; private set; }

    public int UnitCount { get; private set; }

    public int InputSize { get; private set; }

    public int HiddenSize { get; private set; }

    /// <summary>Gate columns in this slice: G·UnitCount.</summary>
    public int Width { get; private set; }

    /// <summary>W_ihᵀ columns of the slice: k = inputSize, n = G·UnitCount.</summary>
    public PackedMatrix Input { get; } = new();

    /// <summary>W_hhᵀ columns of the slice: k = hiddenSize, n = G·UnitCount.</summary>
    public PackedMatrix Recurrent { get; } = new();

    /// <summary>
    /// W_ih of the slice as one row [G·UnitCount] when inputSize is 1 (univariate series): the input projection is then
    /// a scaled copy, far cheaper than a matrix-product call.
    /// </summary>
    public float[]? InputRow { get; private set; }

    /// <summary>b_ih of the slice, plus b_hh when the cell does not keep the recurrent projection apart.</summary>
    public float[] InputBias { get; private set; } = Array.Empty<float>();

    /// <summary>b_hh of the slice.</summary>
    public float[] RecurrentBias { get; private set; } = Array.Empty<float>();

    /// <summary>
    /// Packs the current weights of <paramref name="unit"/> for units [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>).
    /// Does nothing when the same slice of the same, unmodified weights is already packed.
    /// </summary>
    public void Pack(RecurrentDirection unit, CellKernel cell, int start, int count)
    {
        var stamp = (unit, start, count,
            unit.InputWeight.Value.Version, unit.RecurrentWeight.Value.Version, unit.InputBias.Value.Version, unit.RecurrentBias.Value.Version);
        if (packedStamp.Equals(stamp))
        {
            return;
        }

        int gates = cell.GateCount, h = unit.HiddenSize;
        UnitStart = start;
        UnitCount = count;
        InputSize = unit.InputSize;
        HiddenSize = h;
        Width = gates * count;
        PackRows(unit.InputWeight.Value.Values, unit.InputSize, gates, h, Input);
        PackRows(unit.RecurrentWeight.Value.Values, h, gates, h, Recurrent);
        InputRow = null;
        if (unit.InputSize == 1)
        {
            InputRow = new float[Width];
            for (int g = 0; g < gates; g++)
            {
                unit.InputWeight.Value.Values.Slice(g * h + start, count).CopyTo(InputRow.AsSpan(g * count, count));
            }
        }
        if (InputBias.Length != Width)
        {
            InputBias = new float[Width];
            RecurrentBias = new float[Width];
        }

        for (int g = 0; g < gates; g++)
        {
            unit.InputBias.Value.Values.Slice(g * h + start, count).CopyTo(InputBias.AsSpan(g * count, count));
            unit.RecurrentBias.Value.Values.Slice(g * h + start, count).CopyTo(RecurrentBias.AsSpan(g * count, count));
        }

        if (!cell.SeparateRecurrentProjection)
        {
            TensorPrimitives.Add(InputBias, RecurrentBias, InputBias);
        }

        packedStamp = stamp;
    }

    /// <summary>
    /// Advances rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) of a batch by one step, for this slice's units.
    /// Rows already past their length (<paramref name="t"/> ≥ length) keep their state. <paramref name="gates"/> and
    /// <paramref name="recurrent"/> are [rows, Width] scratch, <paramref name="aux"/> is [UnitCount] scratch; state spans are [batch, H].
    /// With <paramref name="inputProjected"/>, <paramref name="gates"/> already holds these rows' input projection (see
    /// <see cref="ProjectInputs"/>) and <paramref name="input"/> is not read. Callers that step the same weights repeatedly
    /// alternate <paramref name="reverseColumns"/> (see <see cref="GemmOperands.ReverseColumns"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(
        CellKernel cell, ReadOnlySpan<float> input, ReadOnlySpan<float> hPrev, ReadOnlySpan<float> cPrev, Span<float> hNew, Span<float> cNew,
        int rowStart, int rowEnd, ReadOnlySpan<int> lengths, int t, Span<float> gates, Span<float> recurrent, Span<float> aux,
        bool inputProjected = false, bool reverseColumns = false)
    {
        int rows = rowEnd - rowStart, h = HiddenSize, u = UnitCount, w = Width;
        var hRows = hPrev.Slice(rowStart * h, rows * h);
        if (!inputProjected)
        {
            ProjectInputs(input.Slice(rowStart * InputSize, rows * InputSize), rows, gates, reverseColumns);
        }

        if (cell.SeparateRecurrentProjection)
        {
            Gemm.Multiply(false, rows, hRows, h, Recurrent, recurrent, w, accumulate: false, reverseColumns);
        }
        else
        {
            Gemm.Multiply(false, rows, hRows, h, Recurrent, gates, w, accumulate: true, reverseColumns);
        }

        for (int b = rowStart; b < rowEnd; b++)
        {
            int state = b * h + UnitStart;
            if (!lengths.IsEmpty && t >= lengths[b])
            {
                hPrev.Slice(state, u).CopyTo(hNew.Slice(state, u));
                if (cell.HasCellState)
                {
                    cPrev.Slice(state, u).CopyTo(cNew.Slice(state, u));
                }

                continue;
            }

            int row = (b - rowStart) * w;
            cell.ForwardRow(
                gates.Slice(row, w),
                cell.SeparateRecurrentProjection ? recurrent.Slice(row, w) : default,
                InputBias,
                RecurrentBias,
                aux,
                hPrev.Slice(state, u),
                cell.HasCellState ? cPrev.Slice(state, u) : default,
                hNew.Slice(state, u),
                cell.HasCellState ? cNew.Slice(state, u) : default);
        }
    }

    /// <summary>
    /// Writes the input projection x·W_ihᵀ of this slice for <paramref name="rows"/> input rows [rows, InputSize] into
    /// <paramref name="projection"/> [rows, Width]: one step's rows, or a whole short sequence, whose single product
    /// streams the weights once instead of once per step.
    /// </summary>
    public void ProjectInputs(ReadOnlySpan<float> input, int rows, Span<float> projection, bool reverseColumns = false)
    {
        if (InputRow is null)
        {
            Gemm.Multiply(false, rows, input[..(rows * InputSize)], InputSize, Input, projection, Width, accumulate: false, reverseColumns);
            return;
        }

        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Multiply(InputRow, input[r], projection.Slice(r * Width, Width));
        }
    }

    /// <summary>Packs the transpose of the slice's rows of a [G·H, k] weight: columns ordered gate by gate.</summary>
    private void PackRows(ReadOnlySpan<float> weight, int k, int gates, int h, PackedMatrix target)
    {
        if (UnitStart == 0 && UnitCount == h)
        {
            Gemm.PackRight(true, k, Width, weight, k, target);
            return;
        }

        if (gathered.Length < Width * k)
        {
            gathered = new float[Width * k];
        }

        for (int g = 0; g < gates; g++)
        {
            weight.Slice((g * h + UnitStart) * k, UnitCount * k).CopyTo(gathered.AsSpan(g * UnitCount * k));
        }

        Gemm.PackRight(true, k, Width, gathered, k, target);
    }
}
