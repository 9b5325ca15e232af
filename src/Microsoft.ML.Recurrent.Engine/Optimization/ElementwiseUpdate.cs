using System.Numerics;
using System.Runtime.InteropServices;

namespace Microsoft.ML.Recurrent.Engine.Optimization;

/// <summary>
/// Drives an <see cref="IElementUpdate"/> over a parameter with <see cref="Vector{T}"/> SIMD. The remainder is padded to a
/// full vector on the stack, so every element goes through the same arithmetic and results do not depend on the vector width.
/// </summary>
internal static class ElementwiseUpdate
{
    /// <summary>
    /// Applies <paramref name="update"/> to every element. <paramref name="first"/> and <paramref name="second"/> are state
    /// buffers as long as <paramref name="value"/>, or empty when the rule does not use them.
    /// </summary>
    public static void Run<TUpdate>(Span<float> value, ReadOnlySpan<float> gradient, Span<float> first, Span<float> second, in TUpdate update)
        where TUpdate : struct, IElementUpdate
    {
        int n = value.Length;
        RequireLength(gradient.Length, n, nameof(gradient), allowEmpty: false);
        RequireLength(first.Length, n, nameof(first), allowEmpty: true);
        RequireLength(second.Length, n, nameof(second), allowEmpty: true);
        bool hasFirst = !first.IsEmpty, hasSecond = !second.IsEmpty;
        ref float v = ref MemoryMarshal.GetReference(value);
        ref float g = ref MemoryMarshal.GetReference(gradient);
        ref float s1 = ref MemoryMarshal.GetReference(first);
        ref float s2 = ref MemoryMarshal.GetReference(second);
        int width = Vector<float>.Count;
        int i = 0;
        for (; i <= n - width; i += width)
        {
            nuint at = (nuint)i;
            var valueVector = Vector.LoadUnsafe(ref v, at);
            var firstVector = hasFirst ? Vector.LoadUnsafe(ref s1, at) : default;
            var secondVector = hasSecond ? Vector.LoadUnsafe(ref s2, at) : default;
            update.Apply(ref valueVector, Vector.LoadUnsafe(ref g, at), ref firstVector, ref secondVector);
            valueVector.StoreUnsafe(ref v, at);
            if (hasFirst)
            {
                firstVector.StoreUnsafe(ref s1, at);
            }

            if (hasSecond)
            {
                secondVector.StoreUnsafe(ref s2, at);
            }
        }

        if (i < n)
        {
            Span<float> scratch = stackalloc float[4 * width];
            Span<float> valueTail = scratch[..width], gradientTail = scratch.Slice(width, width);
            Span<float> firstTail = scratch.Slice(2 * width, width), secondTail = scratch.Slice(3 * width, width);
            value[i..].CopyTo(valueTail);
            gradient[i..].CopyTo(gradientTail);
            var valueVector = new Vector<float>(valueTail);
            var firstVector = hasFirst ? Load(first[i..], firstTail) : default;
            var secondVector = hasSecond ? Load(second[i..], secondTail) : default;
            update.Apply(ref valueVector, new Vector<float>(gradientTail), ref firstVector, ref secondVector);
            Store(valueVector, valueTail, value[i..]);
            if (hasFirst)
            {
                Store(firstVector, firstTail, first[i..]);
            }

            if (hasSecond)
            {
                Store(secondVector, secondTail, second[i..]);
            }
        }
    }

    private static Vector<float> Load(ReadOnlySpan<float> source, Span<float> padded)
    {
        source.CopyTo(padded);
        return new Vector<float>(padded);
    }

    private static void Store(Vector<float> vector, Span<float> padded, Span<float> destination)
    {
        vector.CopyTo(padded);
        padded[..destination.Length].CopyTo(destination);
    }

    private static void RequireLength(int length, int expected, string parameterName, bool allowEmpty)
    {
        if (length != expected && !(allowEmpty && length == 0))
        {
            throw new ArgumentException(
                $"Parameter '{parameterName}' has {length} elements, but the parameter value has {expected}.", parameterName);
        }
    }
}
