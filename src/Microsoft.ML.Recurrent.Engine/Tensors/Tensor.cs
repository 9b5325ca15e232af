using System.Buffers;
using System.Text;

namespace Microsoft.ML.Recurrent.Engine.Tensors;

/// <summary>
/// A dense, row-major float32 tensor. Storage comes from a shared array pool and returns to it on
/// <see cref="Dispose"/>; views created by <see cref="Reshape"/> share storage and never return it.
/// Sequence tensors are time-major, <c>[time, batch, features]</c>, as in PyTorch's default layout.
/// </summary>
public sealed class Tensor : IDisposable
{
    private float[] buffer;
    private int[] shape;
    private bool ownsBuffer;

    /// <summary>Creates a zero-filled tensor of the given shape.</summary>
    public Tensor(params int[] shape)
    {
        this.shape = CheckShape(shape);
        Length = Product(this.shape);
        buffer = Rent(Length);
        ownsBuffer = true;
    }

    private Tensor(float[] buffer, int[] shape, bool ownsBuffer)
    {
        this.buffer = buffer;
        this.shape = shape;
        this.ownsBuffer = ownsBuffer;
        Length = Product(shape);
    }

    /// <summary>Number of elements.</summary>
    public int Length { get; private set; }

    /// <summary>Dimensions, outermost first.</summary>
    public ReadOnlySpan<int> Shape => shape;

    /// <summary>Number of dimensions.</summary>
    public int Rank => shape.Length;

    /// <summary>The elements, row-major, for reading and writing. Taking this span counts as a modification (see <see cref="Values"/>).</summary>
    public Span<float> Span
    {
        get
        {
            Version++;
            return buffer.AsSpan(0, Length);
        }
    }

    /// <summary>The elements, read-only. Unlike <see cref="Span"/>, reading through this does not mark the tensor as modified.</summary>
    public ReadOnlySpan<float> Values => buffer.AsSpan(0, Length);

    /// <summary>
    /// Changes whenever the contents may have changed (every <see cref="Span"/> access). Lets inference reuse weights it
    /// packed earlier until someone writes them: an optimizer, a model load, or user code.
    /// </summary>
    internal long Version { get; private set; }

    /// <summary>Backing array; may be longer than <see cref="Length"/>.</summary>
    internal float[] Buffer => buffer;

    /// <summary>Size of dimension <paramref name="axis"/>.</summary>
    public int Dim(int axis) => shape[axis];

    /// <summary>Element at a 2-D index.</summary>
    public float this[int i, int j]
    {
        get => buffer[Offset2(i, j)];
        set => buffer[Offset2(i, j)] = value;
    }

    /// <summary>Element at a 3-D index.</summary>
    public float this[int i, int j, int k]
    {
        get => buffer[Offset3(i, j, k)];
        set => buffer[Offset3(i, j, k)] = value;
    }

    /// <summary>Creates a tensor holding a copy of <paramref name="values"/>.</summary>
    public static Tensor FromArray(ReadOnlySpan<float> values, params int[] shape)
    {
        var tensor = new Tensor(shape);
        if (values.Length != tensor.Length)
        {
            throw new ArgumentException(
                $"Expected {tensor.Length} values for shape {FormatShape(shape)}, but got {values.Length}.", nameof(values));
        }

        values.CopyTo(tensor.Span);
        return tensor;
    }

    /// <summary>Returns a view with a new shape over the same storage.</summary>
    public Tensor Reshape(params int[] newShape)
    {
        CheckShape(newShape);
        if (Product(newShape) != Length)
        {
            throw new ArgumentException(
                $"Cannot reshape {FormatShape(shape)} ({Length} elements) to {FormatShape(newShape)}.", nameof(newShape));
        }

        return new Tensor(buffer, (int[])newShape.Clone(), ownsBuffer: false);
    }

    /// <summary>Returns a deep copy.</summary>
    public Tensor Clone() => FromArray(Span, shape);

    /// <summary>Sets every element to zero.</summary>
    public void Clear() => Span.Clear();

    /// <summary>Returns whether this tensor has exactly the given shape.</summary>
    public bool HasShape(ReadOnlySpan<int> dims) => Shape.SequenceEqual(dims);

    /// <summary>Returns the storage to the pool. The tensor must not be used afterwards.</summary>
    public void Dispose()
    {
        if (ownsBuffer)
        {
            ArrayPool<float>.Shared.Return(buffer);
            ownsBuffer = false;
        }

        buffer = Array.Empty<float>();
        shape = new int[] { 0 };
        Length = 0;
    }

    /// <inheritdoc />
    public override string ToString() => $"Tensor{FormatShape(shape)}";

    /// <summary>
    /// Makes <paramref name="tensor"/> a tensor of shape <paramref name="dims"/>, reusing its storage when large enough,
    /// zeroed unless <paramref name="clear"/> is false (for buffers the caller overwrites completely).
    /// Used for layer workspaces, so repeated calls with the same shapes allocate nothing.
    /// </summary>
    internal static Tensor Ensure(ref Tensor? tensor, ReadOnlySpan<int> dims, bool clear = true)
    {
        int length = Product(dims);
        if (tensor is null || !tensor.ownsBuffer || tensor.buffer.Length < length)
        {
            tensor?.Dispose();
            tensor = new Tensor(dims.ToArray());
            return tensor;
        }

        if (!tensor.HasShape(dims))
        {
            tensor.shape = dims.ToArray();
            tensor.Length = length;
        }

        if (clear)
        {
            tensor.Span.Clear();
        }

        return tensor;
    }

    internal static string FormatShape(ReadOnlySpan<int> dims)
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < dims.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(dims[i]);
        }

        return text.Append(']').ToString();
    }

    private static float[] Rent(int length)
    {
        var array = ArrayPool<float>.Shared.Rent(Math.Max(length, 1));
        array.AsSpan(0, length).Clear();
        return array;
    }

    private static int[] CheckShape(int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        foreach (int d in dims)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Tensor dimensions must be non-negative, but got {FormatShape(dims)}.", "shape");
            }
        }

        return (int[])dims.Clone();
    }

    private static int Product(ReadOnlySpan<int> dims)
    {
        long product = 1;
        foreach (int d in dims)
        {
            product *= d;
        }

        if (product > Array.MaxLength)
        {
            throw new ArgumentException($"Tensor shape {FormatShape(dims)} has too many elements ({product}).", "shape");
        }

        return (int)product;
    }

    private int Offset2(int i, int j)
    {
        if (shape.Length != 2 || (uint)i >= (uint)shape[0] || (uint)j >= (uint)shape[1])
        {
            throw new IndexOutOfRangeException($"Index [{i}, {j}] is outside tensor shape {FormatShape(shape)}.");
        }

        return i * shape[1] + j;
    }

    private int Offset3(int i, int j, int k)
    {
        if (shape.Length != 3 || (uint)i >= (uint)shape[0] || (uint)j >= (uint)shape[1] || (uint)k >= (uint)shape[2])
        {
            throw new IndexOutOfRangeException($"Index [{i}, {j}, {k}] is outside tensor shape {FormatShape(shape)}.");
        }

        return (i * shape[1] + j) * shape[2] + k;
    }
}
