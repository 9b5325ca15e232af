using System.Buffers.Binary;
using System.Text;
using Microsoft.ML.Recurrent.Engine.Persistence;

namespace Microsoft.ML.Recurrent.Engine.Tests.Persistence;

/// <summary>
/// Builds model-file bytes field by field, independently of <see cref="ModelFile"/>, recording which bytes belong to
/// which section: pins the byte layout and crafts malformed files that still carry a valid checksum.
/// </summary>
internal sealed class RawModelFile
{
    private readonly List<byte> bytes = new();
    private readonly List<(string Section, int Start, int End)> sections = new();

    /// <summary>Named byte ranges [Start, End) written so far.</summary>
    public IReadOnlyList<(string Section, int Start, int End)> Sections => sections;

    /// <summary>Magic, version, kind and architecture.</summary>
    public static RawModelFile Start(uint version = 1, string kind = "Test", string architecture = "{}") =>
        new RawModelFile()
            .Raw("magic", "MLRNNMDL"u8)
            .UInt32("version", version)
            .String("kind", kind)
            .String("architecture", architecture);

    public RawModelFile Raw(string section, ReadOnlySpan<byte> data)
    {
        sections.Add((section, bytes.Count, bytes.Count + data.Length));
        bytes.AddRange(data.ToArray());
        return this;
    }

    public RawModelFile Int32(string section, int value)
    {
        var data = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(data, value);
        return Raw(section, data);
    }

    public RawModelFile UInt32(string section, uint value)
    {
        var data = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(data, value);
        return Raw(section, data);
    }

    /// <summary>A length-prefixed UTF-8 string.</summary>
    public RawModelFile String(string section, string text) => Utf8(section, Encoding.UTF8.GetBytes(text));

    /// <summary>A length-prefixed string from raw (possibly invalid) bytes.</summary>
    public RawModelFile Utf8(string section, byte[] data) => Int32(section + " length", data.Length).Raw(section, data);

    public RawModelFile Floats(string section, params float[] values)
    {
        var data = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), values[i]);
        }

        return Raw(section, data);
    }

    /// <summary>One tensor record: name, rank, dims, data.</summary>
    public RawModelFile Tensor(string name, int[] dims, float[] values)
    {
        String("tensor name", name).Int32("rank", dims.Length);
        foreach (int d in dims)
        {
            Int32("dim", d);
        }

        return Floats("tensor data", values);
    }

    /// <summary>The bytes followed by their CRC-32C.</summary>
    public byte[] Seal()
    {
        uint crc = Crc32C.Compute(bytes.ToArray());
        UInt32("checksum", crc);
        return bytes.ToArray();
    }
}
