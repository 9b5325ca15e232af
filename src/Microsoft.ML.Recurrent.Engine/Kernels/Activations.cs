using System.Numerics;
using System.Runtime.CompilerServices;

namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>
/// SIMD pointwise nonlinearities shared by the recurrent cells and layers. Each has a
/// <see cref="Vector{T}"/> form for fused kernels and a scalar form for loop tails; both are
/// overflow-safe (no NaN for any finite input).
/// </summary>
internal static class Activations
{
    /// <summary>Logistic sigmoid, 1 / (1 + e^-x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sigmoid(Vector<float> x) => Vector<float>.One / (Vector<float>.One + Vector.Exp(-x));

    /// <summary>Hyperbolic tangent via e^(-2|x|), which never overflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Tanh(Vector<float> x)
    {
        var t = Vector.Exp(Vector.Abs(x) * new Vector<float>(-2f));
        var magnitude = (Vector<float>.One - t) / (Vector<float>.One + t);
        return Vector.ConditionalSelect(Vector.LessThan(x, Vector<float>.Zero), -magnitude, magnitude);
    }

    /// <inheritdoc cref="Sigmoid(Vector{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    /// <inheritdoc cref="Tanh(Vector{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float x) => MathF.Tanh(x);

    /// <summary>y = tanh(x), elementwise.</summary>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> y)
    {
        int i = 0;
        for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Tanh(new Vector<float>(x[i..])).CopyTo(y[i..]);
        }

        for (; i < x.Length; i++)
        {
            y[i] = Tanh(x[i]);
        }
    }

    /// <summary>y = sigmoid(x), elementwise.</summary>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> y)
    {
        int i = 0;
        for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            Sigmoid(new Vector<float>(x[i..])).CopyTo(y[i..]);
        }

        for (; i < x.Length; i++)
        {
            y[i] = Sigmoid(x[i]);
        }
    }
}
