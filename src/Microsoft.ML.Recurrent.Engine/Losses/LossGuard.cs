using System.Globalization;
using System.Text;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Losses;

/// <summary>Input checks shared by the losses; each failure names the parameter, the offending value and where it is, and what was expected.</summary>
internal static class LossGuard
{
    /// <summary>Requires at least one element, so that a mean exists.</summary>
    public static void NotEmpty(Tensor tensor, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(tensor, parameterName);
        if (tensor.Length == 0)
        {
            throw new ArgumentException(
                $"Parameter '{parameterName}' has shape {Tensor.FormatShape(tensor.Shape)} and no elements; a mean loss needs at least one.",
                parameterName);
        }
    }

    /// <summary>
    /// Requires <paramref name="tensor"/> to have exactly the shape <paramref name="expected"/>, which is the shape of
    /// parameter <paramref name="shapeOwner"/> (followed by <paramref name="qualifier"/> in the message, if any).
    /// </summary>
    public static void Shape(Tensor tensor, string parameterName, ReadOnlySpan<int> expected, string shapeOwner, string qualifier = "")
    {
        ArgumentNullException.ThrowIfNull(tensor, parameterName);
        if (!tensor.HasShape(expected))
        {
            throw new ArgumentException(
                $"Parameter '{parameterName}' has shape {Tensor.FormatShape(tensor.Shape)}, but shape {Tensor.FormatShape(expected)} (the shape of '{shapeOwner}'{qualifier}) was expected.",
                parameterName);
        }
    }

    /// <summary>Requires a positive, finite setting.</summary>
    public static void PositiveFinite(float value, string parameterName)
    {
        if (!(value > 0f) || !float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(
                parameterName, value, $"Parameter '{parameterName}' is {Format(value)}; it must be a positive finite number.");
        }
    }

    /// <summary>Requires every element to be finite (no NaN or infinity).</summary>
    public static void Finite(Tensor tensor, string parameterName)
    {
        var values = tensor.Span;
        if (TensorPrimitives.IsFiniteAll<float>(values))
        {
            return;
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new NonFiniteValueException(
                    $"Parameter '{parameterName}' contains the non-finite value {Format(values[i])} at index {FormatIndex(tensor.Shape, i)}; all values must be finite.",
                    parameterName);
            }
        }
    }

    /// <summary>Requires every element to lie in [0, 1] (binary or soft targets).</summary>
    public static void UnitInterval(Tensor tensor, string parameterName)
    {
        var values = tensor.Span;
        if (values.Length == 0
            || (TensorPrimitives.Min(values) >= 0f && TensorPrimitives.Max(values) <= 1f))
        {
            return;
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!(values[i] >= 0f && values[i] <= 1f))
            {
                throw new ArgumentException(
                    $"Parameter '{parameterName}' has the value {Format(values[i])} at index {FormatIndex(tensor.Shape, i)}; targets must be probabilities in [0, 1].",
                    parameterName);
            }
        }
    }

    /// <summary>
    /// Checks optional per-element weights (shape <paramref name="expected"/>, finite, non-negative, not all zero) and
    /// returns the normaliser of the weighted mean: Σ weights, or <paramref name="count"/> without weights.
    /// </summary>
    public static double WeightTotal(Tensor? weights, ReadOnlySpan<int> expected, int count, string shapeOwner, string qualifier = "")
    {
        if (weights is null)
        {
            return count;
        }

        Shape(weights, nameof(weights), expected, shapeOwner, qualifier);
        Finite(weights, nameof(weights));
        var values = weights.Span;
        NonNegative(values, nameof(weights), weights.Shape);
        double total = LossMath.Sum(values);
        if (!(total > 0))
        {
            throw new ArgumentException(
                "Parameter 'weights' is zero everywhere; at least one element needs a positive weight (0 ignores an element).",
                nameof(weights));
        }

        return total;
    }

    /// <summary>Requires every value to be finite and non-negative; <paramref name="shape"/> locates the offender.</summary>
    public static void NonNegative(ReadOnlySpan<float> values, string parameterName, ReadOnlySpan<int> shape)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!(values[i] >= 0f) || !float.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    $"Parameter '{parameterName}' has the value {Format(values[i])} at index {FormatIndex(shape, i)}; it must be finite and non-negative.",
                    parameterName);
            }
        }
    }

    /// <summary>Invariant-culture rendering of a value for messages.</summary>
    public static string Format(float value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Renders flat position <paramref name="flat"/> of a row-major tensor as a multi-index, e.g. <c>[2, 0, 5]</c>.</summary>
    public static string FormatIndex(ReadOnlySpan<int> shape, int flat)
    {
        Span<int> index = stackalloc int[shape.Length];
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            int size = Math.Max(shape[axis], 1);
            index[axis] = flat % size;
            flat /= size;
        }

        var text = new StringBuilder("[");
        for (int axis = 0; axis < index.Length; axis++)
        {
            text.Append(axis == 0 ? string.Empty : ", ").Append(index[axis]);
        }

        return text.Append(']').ToString();
    }
}
