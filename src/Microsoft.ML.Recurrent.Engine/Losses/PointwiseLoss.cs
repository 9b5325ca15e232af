using System.Numerics;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Losses;

/// <summary>
/// Shared driver of the elementwise losses: validates predictions, targets and optional weights, then computes
/// the weighted mean Σ w·ℓ / Σ w and its gradient with one SIMD pass over a <see cref="IPointwiseLossKernel"/>.
/// </summary>
internal static class PointwiseLoss
{
    /// <summary>Validates the inputs and returns the normaliser of the mean (Σ weights, or the element count).</summary>
    public static double Validate(Tensor predictions, string predictionsName, Tensor targets, Tensor? weights)
    {
        LossGuard.NotEmpty(predictions, predictionsName);
        LossGuard.Shape(targets, nameof(targets), predictions.Shape, predictionsName);
        LossGuard.Finite(predictions, predictionsName);
        LossGuard.Finite(targets, nameof(targets));
        return LossGuard.WeightTotal(weights, predictions.Shape, predictions.Length, predictionsName);
    }

    /// <summary>
    /// Returns Σ w·ℓ / <paramref name="normalizer"/> and writes w·dℓ/dp / <paramref name="normalizer"/> into
    /// <paramref name="gradient"/> (resized to the predictions' shape, reusing its storage). Inputs must be validated.
    /// </summary>
    public static float Run<TKernel>(TKernel kernel, Tensor predictions, Tensor targets, Tensor? weights, double normalizer, ref Tensor? gradient)
        where TKernel : struct, IPointwiseLossKernel
    {
        var g = LossMath.Workspace(ref gradient, predictions.Shape).Span;
        ReadOnlySpan<float> p = predictions.Span, y = targets.Span;
        int n = p.Length, width = Vector<float>.Count, i = 0;
        var scale = new Vector<float>((float)(1.0 / normalizer));
        var total = Vector<double>.Zero;
        if (weights is null)
        {
            for (; i <= n - width; i += width)
            {
                var loss = kernel.Evaluate(new Vector<float>(p[i..]), new Vector<float>(y[i..]), out var derivative);
                (derivative * scale).CopyTo(g[i..]);
                total = LossMath.Accumulate(total, loss);
            }
        }
        else
        {
            var w = weights.Span;
            for (; i <= n - width; i += width)
            {
                var weight = new Vector<float>(w[i..]);
                var loss = kernel.Evaluate(new Vector<float>(p[i..]), new Vector<float>(y[i..]), out var derivative);
                (Masked(derivative, weight) * scale).CopyTo(g[i..]);
                total = LossMath.Accumulate(total, Masked(loss, weight));
            }
        }

        if (i < n)
        {
            // Tail: pad to a full vector with zero-weight lanes so the kernel has a single (vector) form.
            int rest = n - i;
            Span<float> buffer = stackalloc float[3 * width];
            buffer.Clear();
            Span<float> tailP = buffer[..width], tailY = buffer.Slice(width, width), tailW = buffer.Slice(2 * width, width);
            p[i..].CopyTo(tailP);
            y[i..].CopyTo(tailY);
            if (weights is null)
            {
                tailW[..rest].Fill(1f);
            }
            else
            {
                weights.Span[i..].CopyTo(tailW);
            }

            var weight = new Vector<float>(tailW);
            var loss = kernel.Evaluate(new Vector<float>(tailP), new Vector<float>(tailY), out var derivative);
            (Masked(derivative, weight) * scale).CopyTo(tailP);
            tailP[..rest].CopyTo(g[i..]);
            total = LossMath.Accumulate(total, Masked(loss, weight));
        }

        return (float)(Vector.Sum(total) / normalizer);
    }

    /// <summary>value·weight, exactly 0 where the weight is 0 even if the value overflowed.</summary>
    private static Vector<float> Masked(Vector<float> value, Vector<float> weight) =>
        Vector.ConditionalSelect(Vector.Equals(weight, Vector<float>.Zero), Vector<float>.Zero, value * weight);
}
