using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Tests.Persistence;

/// <summary>Shared fixtures: a small sample model, a scratch directory and a forward-only stream.</summary>
internal static class PersistenceTestSupport
{
    /// <summary>A small model with metadata and two tensors.</summary>
    public static ModelContents SampleContents()
    {
        var contents = new ModelContents(
            "Forecaster",
            new JsonObject { ["hidden"] = 5, ["cell"] = "lstm" },
            [new("library", "0.1.0"), new("created", "2025-01-02T03:04:05Z")]);
        contents.AddTensor("encoder.weight", Tensor.FromArray([1f, -2.5f, 3.25f, 0f, -0f, 1e-30f], 2, 3));
        contents.AddTensor("scaler.mean", Tensor.FromArray([0.5f, float.MaxValue], 2));
        return contents;
    }

    /// <summary>The same model built byte by byte.</summary>
    public static RawModelFile SampleRaw() =>
        RawModelFile.Start(1, "Forecaster", """{"hidden":5,"cell":"lstm"}""")
            .Int32("metadata count", 2)
            .String("metadata key", "library").String("metadata value", "0.1.0")
            .String("metadata key", "created").String("metadata value", "2025-01-02T03:04:05Z")
            .Int32("tensor count", 2)
            .Tensor("encoder.weight", [2, 3], [1f, -2.5f, 3.25f, 0f, -0f, 1e-30f])
            .Tensor("scaler.mean", [2], [0.5f, float.MaxValue]);

    public static byte[] ToBytes(ModelContents contents)
    {
        using var stream = new MemoryStream();
        ModelFile.Save(stream, contents);
        return stream.ToArray();
    }

    public static ModelContents FromBytes(byte[] bytes, bool seekable = true) =>
        seekable ? ModelFile.Load(new MemoryStream(bytes, writable: false)) : ModelFile.Load(new ForwardOnlyStream(bytes));

    /// <summary>Asserts that both tensors have the same shape and bit-identical elements.</summary>
    public static void AssertBitIdentical(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        Assert.Equal(
            expected.Span.ToArray().Select(BitConverter.SingleToInt32Bits),
            actual.Span.ToArray().Select(BitConverter.SingleToInt32Bits));
    }
}

/// <summary>A temporary directory deleted on dispose.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mlrnn-persistence-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string[] Entries() => Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order().ToArray()!;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>A read-only, non-seekable stream that returns at most a few bytes per read, like a network stream.</summary>
internal sealed class ForwardOnlyStream(byte[] data, int maxRead = 7) : Stream
{
    private int position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Bytes consumed so far.</summary>
    public int Consumed => position;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(Math.Min(buffer.Length, maxRead), data.Length - position);
        data.AsSpan(position, n).CopyTo(buffer);
        position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
