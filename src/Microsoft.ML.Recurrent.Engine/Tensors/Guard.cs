using System.Numerics;

namespace Microsoft.ML.Recurrent.Engine.Tensors;

/// <summary>Argument checks shared by all layers; each failure names the parameter, the value and what was expected.</summary>
internal static class Guard
{
    /// <summary>Requires <paramref name="tensor"/> to have the rank and dimensions in <paramref name="expected"/> (-1 = any size).</summary>
    public static void Shape(Tensor tensor, string parameterName, params ReadOnlySpan<int> expected)
    {
        ArgumentNullException.ThrowIfNull(tensor, parameterName);
        bool matches = tensor.Rank == expected.Length;
        for (int i = 0; matches && i < expected.Length; i++)
        {
            matches = expected[i] < 0 || expected[i] == tensor.Dim(i);
        }

        if (!matches)
        {
            string wanted = Tensor.FormatShape(expected).Replace("-1", "*", StringComparison.Ordinal);
            throw new ArgumentException(
                $"Parameter '{parameterName}' has shape {Tensor.FormatShape(tensor.Shape)}, but shape {wanted} was expected.",
                parameterName);
        }
    }

    /// <summary>Requires every value to be finite (no NaN or infinity).</summary>
    public static void Finite(ReadOnlySpan<float> values, string parameterName)
    {
        var poison = Vector<float>.Zero;
        int i = 0;
        for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            poison += new Vector<float>(values[i..]) * Vector<float>.Zero;
        }

        float tail = 0f;
        for (; i < values.Length; i++)
        {
            tail += values[i] * 0f;
        }

        if (float.IsNaN(tail) || float.IsNaN(Vector.Sum(poison)))
        {
            for (int j = 0; j < values.Length; j++)
            {
                if (!float.IsFinite(values[j]))
                {
                    throw new NonFiniteValueException(
                        $"Parameter '{parameterName}' contains the non-finite value {values[j]} at flat index {j}; all values must be finite.",
                        parameterName);
                }
            }
        }
    }

    /// <summary>Requires per-sample sequence lengths in [1, <paramref name="maxLength"/>], one per batch row.</summary>
    public static void Lengths(ReadOnlySpan<int> lengths, int batch, int maxLength, string parameterName)
    {
        if (lengths.Length != batch)
        {
            throw new ArgumentException(
                $"Parameter '{parameterName}' has {lengths.Length} entries, but the batch has {batch} sequences.", parameterName);
        }

        for (int b = 0; b < lengths.Length; b++)
        {
            if (lengths[b] < 1 || lengths[b] > maxLength)
            {
                throw new ArgumentException(
                    $"Parameter '{parameterName}' has length {lengths[b]} for sequence {b}; lengths must be between 1 and the padded length {maxLength}.",
                    parameterName);
            }
        }
    }

    /// <summary>Requires a strictly positive integer setting.</summary>
    public static void Positive(int value, string parameterName)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(parameterName, value, $"Parameter '{parameterName}' must be positive.");
        }
    }

    /// <summary>Requires a probability in [0, 1).</summary>
    public static void Probability(float value, string parameterName)
    {
        if (!(value >= 0f && value < 1f))
        {
            throw new ArgumentOutOfRangeException(parameterName, value, $"Parameter '{parameterName}' must be in [0, 1).");
        }
    }
}
