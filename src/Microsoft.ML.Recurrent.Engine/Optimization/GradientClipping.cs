using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Microsoft.ML.Recurrent.Engine.Modules;

namespace Microsoft.ML.Recurrent.Engine.Optimization;

/// <summary>
/// Gradient clipping by the global L2 norm of all gradients viewed as one vector (<c>torch.nn.utils.clip_grad_norm_</c>).
/// Squares are accumulated in double, in an order that does not depend on the machine's vector width, so results are
/// reproducible. The <see cref="IReadOnlyList{T}"/> overloads allocate nothing (pass <see cref="Optimizer.Parameters"/>).
/// </summary>
public static class GradientClipping
{
    private const double NormEpsilon = 1e-6;

    /// <summary>Returns the L2 norm of all gradients together (0 for no parameters).</summary>
    public static float GlobalNorm(IEnumerable<Parameter> parameters) => GlobalNorm(AsList(parameters));

    /// <summary>Returns the L2 norm of all gradients together (0 for no parameters).</summary>
    public static float GlobalNorm(IReadOnlyList<Parameter> parameters) => (float)Math.Sqrt(SumOfSquares(parameters));

    /// <summary>
    /// Scales every gradient by maxNorm / (norm + 1e-6) when that factor is below 1, and returns the norm before clipping.
    /// If the norm is NaN or infinite the gradients are left unchanged (unlike PyTorch, which would poison them) and the
    /// non-finite norm is returned, so the caller can skip the step.
    /// </summary>
    public static float ClipByGlobalNorm(IEnumerable<Parameter> parameters, float maxNorm) => ClipByGlobalNorm(AsList(parameters), maxNorm);

    /// <inheritdoc cref="ClipByGlobalNorm(IEnumerable{Parameter}, float)"/>
    public static float ClipByGlobalNorm(IReadOnlyList<Parameter> parameters, float maxNorm)
    {
        OptimizationGuard.Positive(maxNorm, nameof(maxNorm));
        double norm = Math.Sqrt(SumOfSquares(parameters));
        double factor = maxNorm / (norm + NormEpsilon);
        if (double.IsFinite(norm) && factor < 1.0)
        {
            float scale = (float)factor;
            for (int p = 0; p < parameters.Count; p++)
            {
                var gradient = parameters[p].Gradient.Span;
                TensorPrimitives.Multiply(gradient, scale, gradient);
            }
        }

        return (float)norm;
    }

    private static IReadOnlyList<Parameter> AsList(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters as IReadOnlyList<Parameter> ?? parameters.ToArray();
    }

    private static double SumOfSquares(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double total = 0.0;
        for (int p = 0; p < parameters.Count; p++)
        {
            var parameter = parameters[p]
                ?? throw new ArgumentException($"Parameter 'parameters' has a null entry at index {p}.", nameof(parameters));
            total += SumOfSquares(parameter.Gradient.Span);
        }

        return total;
    }

    /// <summary>Σ x² in double with four fixed 128-bit accumulators, then a scalar tail.</summary>
    private static double SumOfSquares(ReadOnlySpan<float> values)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        var acc0 = Vector128<double>.Zero;
        var acc1 = Vector128<double>.Zero;
        var acc2 = Vector128<double>.Zero;
        var acc3 = Vector128<double>.Zero;
        int i = 0;
        for (; i <= values.Length - 8; i += 8)
        {
            var (a0, a1) = Vector128.Widen(Vector128.LoadUnsafe(ref start, (nuint)i));
            var (b0, b1) = Vector128.Widen(Vector128.LoadUnsafe(ref start, (nuint)(i + 4)));
            acc0 += a0 * a0;
            acc1 += a1 * a1;
            acc2 += b0 * b0;
            acc3 += b1 * b1;
        }

        var lanes = (acc0 + acc1) + (acc2 + acc3);
        double sum = lanes.GetElement(0) + lanes.GetElement(1);
        for (; i < values.Length; i++)
        {
            double x = values[i];
            sum += x * x;
        }

        return sum;
    }
}
