using System.Numerics;
using System.Runtime.CompilerServices;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Losses;

/// <summary>SIMD reductions that accumulate float data in double, and the shifted exponential used by softmax.</summary>
internal static class LossMath
{
    /// <summary>Adds the lanes of <paramref name="values"/>, widened to double, to <paramref name="accumulator"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Accumulate(Vector<double> accumulator, Vector<float> values)
    {
        Vector.Widen(values, out Vector<double> low, out Vector<double> high);
        return accumulator + low + high;
    }

    /// <summary>Σ values, accumulated in double.</summary>
    public static double Sum(ReadOnlySpan<float> values)
    {
        var accumulator = Vector<double>.Zero;
        int i = 0;
        for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            accumulator = Accumulate(accumulator, new Vector<float>(values[i..]));
        }

        double total = Vector.Sum(accumulator);
        for (; i < values.Length; i++)
        {
            total += values[i];
        }

        return total;
    }

    /// <summary>Σ x·y, accumulated in double.</summary>
    public static double Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var accumulator = Vector<double>.Zero;
        int i = 0;
        for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector.Widen(new Vector<float>(x[i..]), out Vector<double> xLow, out Vector<double> xHigh);
            Vector.Widen(new Vector<float>(y[i..]), out Vector<double> yLow, out Vector<double> yHigh);
            accumulator += xLow * yLow + xHigh * yHigh;
        }

        double total = Vector.Sum(accumulator);
        for (; i < x.Length; i++)
        {
            total += (double)x[i] * y[i];
        }

        return total;
    }

    /// <summary>
    /// <see cref="Tensor.Ensure"/>s <paramref name="tensor"/> with shape <paramref name="shape"/> without clearing it (contents
    /// left stale: the caller overwrites every element). Saves clearing large outputs on every call, whatever their shape.
    /// </summary>
    public static Tensor Workspace(ref Tensor? tensor, ReadOnlySpan<int> shape) => Tensor.Ensure(ref tensor, shape, clear: false);

    /// <summary>
    /// Normalises a softmax row and derives its gradient in one pass: probabilities *= <paramref name="inverseSum"/>, then
    /// gradient = probabilities·<paramref name="scale"/> + <paramref name="offset"/> (offset empty: no offset).
    /// </summary>
    public static void NormalizeAndScale(Span<float> probabilities, float inverseSum, float scale, ReadOnlySpan<float> offset, Span<float> gradient)
    {
        var inverse = new Vector<float>(inverseSum);
        var factor = new Vector<float>(scale);
        int n = probabilities.Length, i = 0;
        if (offset.IsEmpty)
        {
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var p = new Vector<float>(probabilities[i..]) * inverse;
                p.CopyTo(probabilities[i..]);
                (p * factor).CopyTo(gradient[i..]);
            }

            for (; i < n; i++)
            {
                probabilities[i] *= inverseSum;
                gradient[i] = probabilities[i] * scale;
            }

            return;
        }

        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
        {
            var p = new Vector<float>(probabilities[i..]) * inverse;
            p.CopyTo(probabilities[i..]);
            (p * factor + new Vector<float>(offset[i..])).CopyTo(gradient[i..]);
        }

        for (; i < n; i++)
        {
            probabilities[i] *= inverseSum;
            gradient[i] = probabilities[i] * scale + offset[i];
        }
    }

    /// <summary>destination = e^(x − shift); returns Σ destination accumulated in double.</summary>
    public static double ExpShifted(ReadOnlySpan<float> x, float shift, Span<float> destination)
    {
        var shiftVector = new Vector<float>(shift);
        var accumulator = Vector<double>.Zero;
        int i = 0;
        for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var e = Vector.Exp(new Vector<float>(x[i..]) - shiftVector);
            e.CopyTo(destination[i..]);
            accumulator = Accumulate(accumulator, e);
        }

        double total = Vector.Sum(accumulator);
        for (; i < x.Length; i++)
        {
            float e = MathF.Exp(x[i] - shift);
            destination[i] = e;
            total += e;
        }

        return total;
    }
}
