using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Microsoft.ML.Recurrent.Engine.Persistence;

/// <summary>
/// Reads the little-endian primitives of the model format from a stream, keeping the CRC-32C of everything
/// read so far. Every read is checked against the bytes known to remain (seekable streams) before anything is
/// allocated; where the length is unknown, buffers grow only as data actually arrives. Structural problems throw
/// at once; problems with the contents (invalid UTF-8, duplicate names) are only noted, so the caller can report
/// a checksum mismatch, the likelier cause, first.
/// </summary>
internal sealed class ModelFileReader
{
    private const int InitialChunk = 64 * 1024;

    private readonly Stream stream;
    private readonly long? length;
    private uint crc;

    /// <summary>Reads from the current position of <paramref name="stream"/>; <paramref name="length"/> is the number of bytes available, when known.</summary>
    public ModelFileReader(Stream stream, long? length)
    {
        this.stream = stream;
        this.length = length;
    }

    /// <summary>Bytes consumed so far, which is the offset of the next byte within the model.</summary>
    public long Position { get; private set; }

    /// <summary>Bytes known to remain, or null for a stream of unknown length.</summary>
    public long? Remaining => length - Position;

    /// <summary>CRC-32C of all bytes read so far.</summary>
    public uint Checksum => crc;

    /// <summary>First problem found in the contents, reported after the checksum is verified; null when none.</summary>
    public string? ContentError { get; private set; }

    /// <summary>Records a contents problem, keeping the first.</summary>
    public void NoteContentError(string message) => ContentError ??= message;

    /// <summary>Reads up to <paramref name="destination"/>.Length bytes, fewer only at the end of the data; returns the count.</summary>
    public int ReadAtMost(Span<byte> destination)
    {
        int wanted = Remaining is long remaining ? (int)Math.Min(destination.Length, remaining) : destination.Length;
        int total = 0;
        while (total < wanted)
        {
            int read = stream.Read(destination[total..wanted]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        crc = Crc32C.Append(crc, destination[..total]);
        Position += total;
        return total;
    }

    public int ReadInt32(string what)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        ReadExactly(bytes, what);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }

    public uint ReadUInt32(string what)
    {
        Span<byte> bytes = stackalloc byte[sizeof(uint)];
        ReadExactly(bytes, what);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    /// <summary>
    /// Reads a non-negative int32 count of items that each take at least <paramref name="minBytesPerItem"/> bytes,
    /// rejecting counts that cannot fit in the bytes that remain.
    /// </summary>
    public int ReadCount(string what, int minBytesPerItem)
    {
        long offset = Position;
        int count = ReadInt32(what);
        if (count < 0)
        {
            throw new ModelFormatException($"The model file is corrupt: the {what} at offset {offset} is negative ({count}).");
        }

        if (Remaining is long remaining && (long)count * minBytesPerItem > remaining)
        {
            throw new ModelFormatException(
                $"The model file is truncated or corrupt: the {what} at offset {offset} is {count}, but the {remaining} bytes that remain " +
                $"have room for at most {remaining / minBytesPerItem} (each takes at least {minBytesPerItem} bytes).");
        }

        return count;
    }

    /// <summary>Reads an int32 byte length and that many bytes of UTF-8 text; invalid UTF-8 is noted as a contents error.</summary>
    public string ReadString(string what)
    {
        long offset = Position;
        int byteCount = ReadInt32($"length of the {what}");
        if (byteCount < 0)
        {
            throw new ModelFormatException($"The model file is corrupt: the length of the {what} at offset {offset} is negative ({byteCount}).");
        }

        RequireDeclared(byteCount, what, offset);
        byte[] bytes = ReadArray<byte>(byteCount, what);
        try
        {
            return ModelFile.StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            NoteContentError($"The model file is corrupt: the {what} at offset {offset} is not valid UTF-8.");
            return Encoding.UTF8.GetString(bytes);
        }
    }

    /// <summary>Fills <paramref name="destination"/> with float32 values, in bulk.</summary>
    public void ReadFloats(Span<float> destination, string what)
    {
        while (!destination.IsEmpty)
        {
            int count = Math.Min(destination.Length, ModelFile.FloatsPerChunk);
            ReadExactly(MemoryMarshal.AsBytes(destination[..count]), what);
            destination = destination[count..];
        }
    }

    /// <summary>
    /// Reads <paramref name="count"/> values into a new array. With a known length the caller has checked that they fit;
    /// otherwise the array grows as data arrives, so a corrupt count cannot make it allocate more than the stream holds.
    /// </summary>
    public T[] ReadArray<T>(int count, string what)
        where T : unmanaged
    {
        if (length is not null || count <= InitialChunk)
        {
            var exact = new T[count];
            ReadExactly(MemoryMarshal.AsBytes(exact.AsSpan()), what);
            return exact;
        }

        var values = new T[InitialChunk];
        int filled = 0;
        while (filled < count)
        {
            if (filled == values.Length)
            {
                Array.Resize(ref values, (int)Math.Min(count, 2L * values.Length));
            }

            int chunk = Math.Min(values.Length - filled, ModelFile.FloatsPerChunk);
            ReadExactly(MemoryMarshal.AsBytes(values.AsSpan(filled, chunk)), what);
            filled += chunk;
        }

        return values;
    }

    /// <summary>Reads exactly <paramref name="destination"/>.Length bytes of the named part, or throws saying the file is truncated.</summary>
    public void ReadExactly(Span<byte> destination, string what)
    {
        long offset = Position;
        if (Remaining is long remaining && destination.Length > remaining)
        {
            throw new ModelFormatException(
                $"The model file is truncated: the {what} needs {destination.Length} bytes at offset {offset}, but only {remaining} remain " +
                $"(the file has {length} bytes).");
        }

        int total = ReadAtMost(destination);
        if (total < destination.Length)
        {
            throw new ModelFormatException(
                $"The model file is truncated: the data ended at offset {offset + total}, inside the {what}, " +
                $"which needs {destination.Length} bytes from offset {offset}.");
        }
    }

    /// <summary>Rejects a declared size larger than the bytes known to remain.</summary>
    public void RequireDeclared(long byteCount, string what, long declaredAt)
    {
        if (Remaining is long remaining && byteCount > remaining)
        {
            throw new ModelFormatException(
                $"The model file is truncated or corrupt: at offset {declaredAt} it declares {byteCount} bytes for the {what}, " +
                $"but only {remaining} remain after offset {Position}.");
        }
    }
}
