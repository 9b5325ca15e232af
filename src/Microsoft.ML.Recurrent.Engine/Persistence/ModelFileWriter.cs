using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Microsoft.ML.Recurrent.Engine.Persistence;

/// <summary>
/// Writes the little-endian primitives of the model format to a stream through a buffer, keeping the CRC-32C
/// of everything written so far; <see cref="WriteChecksum"/> appends it and flushes.
/// </summary>
internal sealed class ModelFileWriter
{
    private const int BufferSize = 64 * 1024;

    private readonly Stream stream;
    private readonly byte[] buffer = new byte[BufferSize];
    private int buffered;
    private uint crc;

    public ModelFileWriter(Stream stream) => this.stream = stream;

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > BufferSize - buffered)
        {
            FlushBuffer();
            if (bytes.Length >= BufferSize)
            {
                crc = Crc32C.Append(crc, bytes);
                stream.Write(bytes);
                return;
            }
        }

        bytes.CopyTo(buffer.AsSpan(buffered));
        buffered += bytes.Length;
    }

    public void WriteInt32(int value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        WriteBytes(bytes);
    }

    public void WriteUInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        WriteBytes(bytes);
    }

    /// <summary>Writes the UTF-8 byte count (int32), then the bytes.</summary>
    public void WriteString(string value)
    {
        byte[] bytes = ModelFile.StrictUtf8.GetBytes(value);
        WriteInt32(bytes.Length);
        WriteBytes(bytes);
    }

    /// <summary>Writes raw float32 values in bulk (the host is little-endian, checked by <see cref="ModelFile"/>).</summary>
    public void WriteFloats(ReadOnlySpan<float> values)
    {
        while (!values.IsEmpty)
        {
            int count = Math.Min(values.Length, ModelFile.FloatsPerChunk);
            WriteBytes(MemoryMarshal.AsBytes(values[..count]));
            values = values[count..];
        }
    }

    /// <summary>Appends the CRC-32C of everything written before it and flushes the stream.</summary>
    public void WriteChecksum()
    {
        FlushBuffer();
        Span<byte> bytes = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, crc);
        stream.Write(bytes);
        stream.Flush();
    }

    private void FlushBuffer()
    {
        if (buffered > 0)
        {
            var pending = buffer.AsSpan(0, buffered);
            crc = Crc32C.Append(crc, pending);
            stream.Write(pending);
            buffered = 0;
        }
    }
}
