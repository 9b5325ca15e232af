using System.Buffers.Binary;
using System.Text;

namespace Microsoft.ML.Recurrent.Engine.Onnx;

/// <summary>
/// The few protocol-buffer wire encodings an ONNX model file needs: varints, length-delimited fields (strings, bytes,
/// nested messages, packed integers) and little-endian raw bytes. Nested messages are written into their own writer and
/// then embedded, so lengths are always known before they are written.
/// </summary>
internal sealed class ProtoWriter
{
    private const int VarintType = 0;
    private const int LengthDelimitedType = 2;

    private readonly MemoryStream buffer = new();

    /// <summary>Bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => buffer.GetBuffer().AsSpan(0, (int)buffer.Length);

    /// <summary>Writes an integer field (int32, int64 or enum) as a varint.</summary>
    public ProtoWriter Int(int field, long value)
    {
        Tag(field, VarintType);
        Varint(unchecked((ulong)value));
        return this;
    }

    /// <summary>Writes a UTF-8 string field.</summary>
    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>Writes a bytes field.</summary>
    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimitedType);
        Varint((ulong)value.Length);
        buffer.Write(value);
        return this;
    }

    /// <summary>Writes a nested message field.</summary>
    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.Written);

    /// <summary>Writes a repeated integer field in packed form.</summary>
    public ProtoWriter PackedInts(int field, IEnumerable<long> values)
    {
        var packed = new ProtoWriter();
        foreach (long value in values)
        {
            packed.Varint(unchecked((ulong)value));
        }

        return Bytes(field, packed.Written);
    }

    /// <summary>Writes a float field (fixed 32-bit, little-endian).</summary>
    public ProtoWriter Float(int field, float value)
    {
        Tag(field, 5);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        buffer.Write(bytes);
        return this;
    }

    private void Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.WriteByte((byte)value);
    }
}
