using Microsoft.ML.Recurrent.Engine.Persistence;
using static Microsoft.ML.Recurrent.Engine.Tests.Persistence.PersistenceTestSupport;

namespace Microsoft.ML.Recurrent.Engine.Tests.Persistence;

/// <summary>Every kind of damaged or foreign input throws <see cref="ModelFormatException"/> with a message that says what is wrong.</summary>
public class ModelFileCorruptionTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TruncationAtEveryOffsetSaysTruncated(bool seekable)
    {
        byte[] bytes = ToBytes(SampleContents());
        for (int length = 0; length < bytes.Length; length++)
        {
            var error = Assert.Throws<ModelFormatException>(() => FromBytes(bytes[..length], seekable));
            Assert.Contains("truncated", error.Message);
        }
    }

    [Fact]
    public void TruncatedFileOnDiskSaysHowManyBytesRemain()
    {
        byte[] bytes = ToBytes(SampleContents());
        using var scratch = new ScratchDirectory();
        string path = scratch.File("cut.bin");
        File.WriteAllBytes(path, bytes[..(bytes.Length - 10)]);

        var error = Assert.Throws<ModelFormatException>(() => ModelFile.Load(path));
        Assert.Contains("truncated", error.Message);
        Assert.Contains("data of tensor 'scaler.mean'", error.Message);
        Assert.Contains("only 2 remain", error.Message);
    }

    [Theory]
    [InlineData(0xFF)]
    [InlineData(0x01)]
    [InlineData(0x80)]
    public void FlippingAnyByteIsDetected(int mask)
    {
        var raw = SampleRaw();
        byte[] bytes = raw.Seal();
        foreach (var (section, start, end) in raw.Sections)
        {
            for (int offset = start; offset < end; offset++)
            {
                byte[] damaged = (byte[])bytes.Clone();
                damaged[offset] ^= (byte)mask;
                foreach (bool seekable in new[] { true, false })
                {
                    var error = Assert.Throws<ModelFormatException>(() => FromBytes(damaged, seekable));
                    string? expected = section switch
                    {
                        "magic" => "not a Microsoft.ML.Recurrent model file",
                        "version" => "format version",
                        "kind" or "architecture" or "metadata key" or "metadata value" or "tensor name" or "tensor data" or "checksum" => "checksum",
                        _ => null, // a damaged length or shape may instead read as truncated or absurd
                    };
                    if (expected is not null)
                    {
                        Assert.True(error.Message.Contains(expected), $"Flipping byte {offset} ({section}) gave: {error.Message}");
                    }
                }
            }
        }
    }

    [Fact]
    public void ChecksumMismatchSaysCorrupt()
    {
        byte[] bytes = ToBytes(SampleContents());
        bytes[^8] ^= 0x10; // inside the last tensor's data
        var error = Assert.Throws<ModelFormatException>(() => FromBytes(bytes));
        Assert.Contains("corrupt", error.Message);
        Assert.Contains("checksum", error.Message);
        Assert.Contains("CRC-32C", error.Message);
    }

    [Fact]
    public void NewerFormatVersionAsksForAnUpgrade()
    {
        byte[] bytes = RawModelFile.Start(version: 2).Int32("metadata count", 0).Int32("tensor count", 0).Seal();
        var error = Assert.Throws<ModelFormatException>(() => FromBytes(bytes));
        Assert.Contains("format version 2", error.Message);
        Assert.Contains($"up to {ModelFile.CurrentFormatVersion}", error.Message);
        Assert.Contains("Upgrade", error.Message);
    }

    [Fact]
    public void FormatVersionZeroIsCorrupt()
    {
        byte[] bytes = RawModelFile.Start(version: 0).Int32("metadata count", 0).Int32("tensor count", 0).Seal();
        Assert.Contains("format version", Assert.Throws<ModelFormatException>(() => FromBytes(bytes)).Message);
    }

    [Theory]
    [InlineData("PK\u0003\u0004 a zip archive")]
    [InlineData("{\"hidden\": 5}")]
    [InlineData("MLRNNMDX")]
    [InlineData("x")]
    public void ForeignDataIsNotAModelFile(string text)
    {
        var error = Assert.Throws<ModelFormatException>(() => FromBytes(System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.Contains("not a Microsoft.ML.Recurrent model file", error.Message);
    }

    [Fact]
    public void EmptyFileSaysSo()
    {
        using var scratch = new ScratchDirectory();
        File.WriteAllBytes(scratch.File("empty.bin"), []);
        Assert.Contains("empty", Assert.Throws<ModelFormatException>(() => ModelFile.Load(scratch.File("empty.bin"))).Message);
    }

    [Fact]
    public void BytesAfterTheChecksumAreRejectedInFiles()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("long.bin");
        File.WriteAllBytes(path, [.. ToBytes(SampleContents()), 0, 0]);
        Assert.Contains("2 unexpected bytes follow the checksum", Assert.Throws<ModelFormatException>(() => ModelFile.Load(path)).Message);
    }

    public static TheoryData<string, byte[], string> MalformedButChecksummed()
    {
        static RawModelFile Empty() => RawModelFile.Start().Int32("metadata count", 0);
        static byte[] OneTensor(Func<RawModelFile, RawModelFile> tensor) => tensor(Empty().Int32("tensor count", 1)).Seal();

        return new TheoryData<string, byte[], string>
        {
            { "negative metadata count", RawModelFile.Start().Int32("metadata count", -1).Seal(), "metadata count at offset 26 is negative (-1)" },
            { "huge metadata count", RawModelFile.Start().Int32("metadata count", int.MaxValue).Seal(), "room for at most" },
            { "negative tensor count", Empty().Int32("tensor count", -5).Seal(), "tensor count at offset 30 is negative (-5)" },
            { "huge tensor count", Empty().Int32("tensor count", 1_000_000).Seal(), "tensor count at offset 30 is 1000000" },
            { "negative string length", RawModelFile.Start().Int32("metadata count", 1).Int32("key length", -3).Seal(), "is negative (-3)" },
            { "huge string length", RawModelFile.Start().Int32("metadata count", 1).Int32("key length", int.MaxValue).Seal(), "at offset 30 it declares 2147483647 bytes for the key of metadata entry #1, but only 4 remain" },
            { "negative rank", OneTensor(f => f.String("name", "w").Int32("rank", -1)), "rank of tensor 'w' (#1 of 1) at offset 39 is -1" },
            { "huge rank", OneTensor(f => f.String("name", "w").Int32("rank", 1000)), "ranks must be between 0 and 32" },
            { "rank beyond the data", OneTensor(f => f.String("name", "w").Int32("rank", 30)), "dimensions of tensor 'w'" },
            { "negative dimension", OneTensor(f => f.String("name", "w").Int32("rank", 2).Int32("d", 3).Int32("d", -4)), "dimension 1 of tensor 'w' (#1 of 1) at offset 47 is negative (-4)" },
            { "too many elements", OneTensor(f => f.String("name", "w").Int32("rank", 3).Int32("d", 1 << 20).Int32("d", 1 << 20).Int32("d", 4)), "more than the" },
            { "dims beyond the data", OneTensor(f => f.String("name", "w").Int32("rank", 2).Int32("d", 1000).Int32("d", 1000).Floats("x", 1f)), "declares 4000000 bytes for the data of tensor 'w' (#1 of 1) with shape [1000, 1000]" },
            { "invalid UTF-8 kind", new RawModelFile().Raw("magic", "MLRNNMDL"u8).UInt32("version", 1).Utf8("kind", [0x41, 0xC3, 0x28]).String("a", "{}").Int32("m", 0).Int32("t", 0).Seal(), "kind at offset 12 is not valid UTF-8" },
            { "invalid UTF-8 tensor name", OneTensor(f => f.Utf8("name", [0xFF, 0xFE]).Int32("rank", 0).Floats("x", 1f)), "name of tensor #1 at offset 34 is not valid UTF-8" },
            { "invalid UTF-8 metadata value", RawModelFile.Start().Int32("metadata count", 1).String("k", "key").Utf8("v", [0xED, 0xA0, 0x80]).Int32("t", 0).Seal(), "value of metadata entry 'key'" },
            { "architecture not JSON", RawModelFile.Start(architecture: "{hidden: 5").Int32("m", 0).Int32("t", 0).Seal(), "architecture is not valid JSON" },
            { "architecture not an object", RawModelFile.Start(architecture: "[1, 2]").Int32("m", 0).Int32("t", 0).Seal(), "must be a JSON object, not a JSON array" },
            { "architecture with duplicate keys", RawModelFile.Start(architecture: """{"a":1,"a":2}""").Int32("m", 0).Int32("t", 0).Seal(), "architecture is not valid JSON" },
            { "empty kind", RawModelFile.Start(kind: "").Int32("m", 0).Int32("t", 0).Seal(), "kind is empty" },
            { "duplicate metadata key", RawModelFile.Start().Int32("m", 2).String("k", "a").String("v", "1").String("k", "a").String("v", "2").Int32("t", 0).Seal(), "metadata key 'a' appears twice" },
            { "duplicate tensor name", Empty().Int32("t", 2).Tensor("w", [1], [1f]).Tensor("w", [1], [2f]).Seal(), "tensor name 'w' appears twice" },
            { "empty tensor name", Empty().Int32("t", 1).Tensor("", [1], [1f]).Seal(), "tensor #1 at offset 34 has an empty name" },
            { "NaN weight", Empty().Int32("t", 1).Tensor("w", [2, 2], [1f, 2f, float.NaN, 4f]).Seal(), "tensor 'w' holds the non-finite value NaN at flat index 2" },
            { "infinite weight", Empty().Int32("t", 1).Tensor("w", [3], [float.NegativeInfinity, 2f, 3f]).Seal(), $"non-finite value {float.NegativeInfinity} at flat index 0" },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedButChecksummed))]
    public void MalformedContentsWithAValidChecksumAreRejected(string description, byte[] bytes, string expected)
    {
        foreach (bool seekable in new[] { true, false })
        {
            var error = Assert.Throws<ModelFormatException>(() => FromBytes(bytes, seekable));
            Assert.True(
                error.Message.Contains(expected, StringComparison.Ordinal) || (!seekable && SizeErrorWithoutKnownLength(error.Message)),
                $"{description} ({(seekable ? "seekable" : "forward-only")}): {error.Message}");
        }
    }

    /// <summary>
    /// Without a known length, an absurd size is only caught when the data runs out, or when the reader, having
    /// consumed bytes beyond the bad field, meets another impossible value.
    /// </summary>
    private static bool SizeErrorWithoutKnownLength(string message) =>
        message.Contains("truncated", StringComparison.Ordinal) || message.Contains("corrupt", StringComparison.Ordinal);

    [Fact]
    public void AbsurdSizesOnAForwardOnlyStreamDoNotAllocateThem()
    {
        byte[] hugeTensor = RawModelFile.Start().Int32("m", 0).Int32("t", 1)
            .String("name", "w").Int32("rank", 2).Int32("d", 1 << 15).Int32("d", 1 << 15).Floats("x", 1f, 2f).Seal();
        byte[] hugeString = RawModelFile.Start().Int32("metadata count", 1).Int32("key length", int.MaxValue).Raw("key", new byte[100]).Seal();

        foreach (byte[] bytes in new[] { hugeTensor, hugeString })
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<ModelFormatException>(() => ModelFile.Load(new ForwardOnlyStream(bytes, maxRead: 4096)));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Contains("truncated", error.Message);
            Assert.True(allocated < 4 << 20, $"Allocated {allocated} bytes for a {bytes.Length}-byte input.");
        }
    }
}
