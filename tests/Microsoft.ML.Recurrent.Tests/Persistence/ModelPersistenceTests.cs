using System.IO.Compression;
using System.Text;
using Microsoft.ML.Data;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Persistence;
using Microsoft.ML.Recurrent.Tests.Components;

namespace Microsoft.ML.Recurrent.Tests.Persistence;

/// <summary>Recurrent transformers in ML.NET model files: damaged and newer files, atomic saves, ML.NET internals.</summary>
public class ModelPersistenceTests
{
    private sealed class Row
    {
        [VectorType(4)]
        public float[] Sequence { get; set; } = [];
    }

    private readonly MLContext ml = new(seed: 2);

    private IDataView Data => ml.Data.LoadFromEnumerable(Enumerable.Range(0, 8).Select(i => new Row { Sequence = [i, 1, 2, 3] }));

    private byte[] SavedModel()
    {
        var model = ml.Transforms.CopyColumns("Copy", "Sequence").Append(new SequenceEncoderEstimator("Encoding", "Sequence", 4, 1)).Fit(Data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, Data.Schema, stream);
        return stream.ToArray();
    }

    /// <summary>Rewrites the entry of the recurrent transformer: <paramref name="change"/> gets its bytes and the offset of its model kind.</summary>
    private static byte[] RewriteRecurrentEntry(byte[] model, Action<byte[], int> change)
    {
        byte[] kind = Encoding.UTF8.GetBytes(SequenceEncoderTransformer.Kind);
        using var stream = new MemoryStream();
        stream.Write(model);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var entry in zip.Entries.ToList())
            {
                using var buffer = new MemoryStream();
                using (var source = entry.Open())
                {
                    source.CopyTo(buffer);
                }

                byte[] bytes = buffer.ToArray();
                int at = bytes.AsSpan().IndexOf(kind);
                if (at < 0)
                {
                    continue;
                }

                change(bytes, at);
                string name = entry.FullName;
                entry.Delete();
                using var target = zip.CreateEntry(name).Open();
                target.Write(bytes);
                break;
            }
        }

        return stream.ToArray();
    }

    private ModelFormatException LoadFails(byte[] model) =>
        Assert.Throws<ModelFormatException>(() => new MLContext().Model.LoadRecurrent(new MemoryStream(model), out _));

    [Fact]
    public void NotAModelFileIsAModelFormatErrorNamingTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"not-a-model-{Guid.NewGuid():N}.zip");
        File.WriteAllText(path, "hello");
        try
        {
            var error = Assert.Throws<ModelFormatException>(() => ml.Model.LoadRecurrent(path, out _));
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TruncatedFileIsAModelFormatError()
    {
        var model = SavedModel();
        LoadFails(model[..(model.Length / 2)]);
    }

    [Fact]
    public void DamagedRecurrentEntryIsAModelFormatErrorThroughMlNetsLoadToo()
    {
        // One flipped byte in the last weights of the transformer's checksummed model (after the kind and the byte count).
        var damaged = RewriteRecurrentEntry(SavedModel(), (bytes, kind) =>
        {
            int modelStart = kind + SequenceEncoderTransformer.Kind.Length + sizeof(long);
            bytes[modelStart + (int)BitConverter.ToInt64(bytes, modelStart - sizeof(long)) - 10] ^= 0x5A;
        });
        Assert.Contains("checksum", LoadFails(damaged).Message, StringComparison.OrdinalIgnoreCase);

        var fresh = new MLContext();
        fresh.ComponentCatalog.RegisterRecurrentTransformers();
        var error = Assert.ThrowsAny<Exception>(() => fresh.Model.Load(new MemoryStream(damaged), out _));
        var inner = error;
        while (inner is not ModelFormatException && inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        Assert.IsType<ModelFormatException>(inner);
    }

    [Fact]
    public void FutureFormatVersionAsksForAnUpgrade()
    {
        // The entry's format version is the int32 before the kind's one-byte length prefix.
        var future = RewriteRecurrentEntry(SavedModel(), (bytes, kind) => BitConverter.TryWriteBytes(bytes.AsSpan(kind - 5), 7));
        var error = LoadFails(future);
        Assert.Contains("format version 7", error.Message);
        Assert.Contains("Upgrade Microsoft.ML.Recurrent", error.Message);
    }

    [Fact]
    public void UnknownRecurrentKindIsNamed()
    {
        var unknown = RewriteRecurrentEntry(SavedModel(), (bytes, kind) => Encoding.UTF8.GetBytes("UnknownModelKind123").CopyTo(bytes, kind));
        Assert.Contains("'UnknownModelKind123'", LoadFails(unknown).Message);
    }

    [Fact]
    public void LoadRecurrentReadsPlainMlNetModelsToo()
    {
        var plain = new MemoryStream();
        ml.Model.Save(ml.Transforms.CopyColumns("Copy", "Sequence").Fit(Data), Data.Schema, plain);
        plain.Position = 0;
        var model = new MLContext().Model.LoadRecurrent(plain, out var schema);
        Assert.Equal("Copy", model.GetOutputSchema(schema)[^1].Name);
    }

    [Fact]
    public void FailedSaveLeavesTheExistingFileUntouched()
    {
        string directory = Directory.CreateTempSubdirectory().FullName;
        string path = Path.Combine(directory, "model.zip");
        var original = SavedModel();
        File.WriteAllBytes(path, original);
        Assert.ThrowsAny<Exception>(() => ml.Model.SaveRecurrent(new BrokenTransformer(), Data.Schema, path));
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(directory));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void ChangedMlNetInternalsAreNamedUpFront()
    {
        // An "ML.NET" without the internal types: the error lists them and the supported version.
        var error = Assert.Throws<NotSupportedException>(() => new MlNetInternals(typeof(object).Assembly, typeof(object).Assembly));
        Assert.Contains("Microsoft.ML.VersionInfo", error.Message);
        Assert.Contains("Microsoft.ML.ModelLoadContext", error.Message);
        Assert.Contains("Microsoft.ML.Data.IInternalCatalog", error.Message);
        Assert.Contains("supports Microsoft.ML 6.0", error.Message);
    }

    /// <summary>An ML.NET transformer whose save fails part-way.</summary>
    private sealed class BrokenTransformer : ITransformer
    {
        public bool IsRowToRowMapper => false;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;

        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotSupportedException();

        public IDataView Transform(IDataView input) => input;

        public void Save(ModelSaveContext ctx) => throw new IOException("disk full");
    }
}
