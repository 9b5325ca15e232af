using System.Numerics;
using System.Runtime.CompilerServices;
using static Microsoft.ML.Recurrent.Engine.Kernels.Activations;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>Elman RNN pointwise math: h' = tanh(pre) or relu(pre), pre = W_ih x + b_ih + W_hh h + b_hh.</summary>
internal sealed class SimpleRnnCellKernel : CellKernel
{
    public static readonly SimpleRnnCellKernel TanhInstance = new(RnnNonlinearity.Tanh);
    public static readonly SimpleRnnCellKernel ReluInstance = new(RnnNonlinearity.Relu);

    private readonly RnnNonlinearity nonlinearity;

    private SimpleRnnCellKernel(RnnNonlinearity nonlinearity) => this.nonlinearity = nonlinearity;

    public override int GateCount => 1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void ForwardRow(
        Span<float> gates, ReadOnlySpan<float> recurrent, ReadOnlySpan<float> inputBias, ReadOnlySpan<float> recurrentBias, Span<float> aux,
        ReadOnlySpan<float> hPrev, ReadOnlySpan<float> cPrev, Span<float> hNew, Span<float> cNew)
    {
        int h = hNew.Length;
        int j = 0;
        for (; j <= h - Vector<float>.Count; j += Vector<float>.Count)
        {
            var pre = new Vector<float>(gates[j..]) + new Vector<float>(inputBias[j..]);
            (nonlinearity == RnnNonlinearity.Tanh ? Tanh(pre) : Vector.Max(pre, Vector<float>.Zero)).CopyTo(hNew[j..]);
        }

        for (; j < h; j++)
        {
            float pre = gates[j] + inputBias[j];
            hNew[j] = nonlinearity == RnnNonlinearity.Tanh ? Tanh(pre) : MathF.Max(pre, 0f);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void BackwardRow(
        ReadOnlySpan<float> gates, ReadOnlySpan<float> aux,
        ReadOnlySpan<float> hPrev, ReadOnlySpan<float> hNew, ReadOnlySpan<float> cPrev,
        ReadOnlySpan<float> dh, ReadOnlySpan<float> dc,
        Span<float> dInput, Span<float> dRecurrent, Span<float> dhDirect, Span<float> dcPrev)
    {
        int h = hNew.Length;
        dhDirect.Clear();
        int j = 0;
        for (; j <= h - Vector<float>.Count; j += Vector<float>.Count)
        {
            var y = new Vector<float>(hNew[j..]);
            var derivative = nonlinearity == RnnNonlinearity.Tanh
                ? Vector<float>.One - y * y
                : Vector.ConditionalSelect(Vector.GreaterThan(y, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero);
            (new Vector<float>(dh[j..]) * derivative).CopyTo(dInput[j..]);
        }

        for (; j < h; j++)
        {
            float y = hNew[j];
            dInput[j] = dh[j] * (nonlinearity == RnnNonlinearity.Tanh ? 1 - y * y : (y > 0 ? 1f : 0f));
        }
    }
}
