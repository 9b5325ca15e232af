using System.IO.Compression;
using System.Text;
using Microsoft.ML.Data;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Tests.Components;

namespace Microsoft.ML.Recurrent.Tests.Persistence;

public class RecurrentModelFormatTests
{
    private sealed class Row
    {
        [VectorType(4)]
        public float[] Sequence { get; set; } = [];
    }

    private readonly MLContext ml = new(seed: 2);

    private byte[] SavedModel()
    {
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 8).Select(i => new Row { Sequence = [i, 1, 2, 3] }));
        var model = ml.Transforms.CopyColumns("Copy", "Sequence").Append(new SequenceEncoderEstimator("Encoding", "Sequence", 4, 1)).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.SaveRecurrent(model, data.Schema, stream);
        return stream.ToArray();
    }

    private static byte[] Rewrite(byte[] model, string entry, Func<string, string> change)
    {
        using var stream = new MemoryStream();
        stream.Write(model);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var old = zip.GetEntry(entry)!;
            string text;
            using (var reader = new StreamReader(old.Open()))
            {
                text = reader.ReadToEnd();
            }

            old.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(entry).Open(), Encoding.UTF8);
            writer.Write(change(text));
        }

        return stream.ToArray();
    }

    [Fact]
    public void NotAZipFileIsRejectedClearly()
    {
        var error = Assert.Throws<ModelFormatException>(() => ml.Model.LoadRecurrent(new MemoryStream(Encoding.UTF8.GetBytes("hello")), out _));
        Assert.Contains("not a valid zip archive", error.Message);
    }

    [Fact]
    public void TruncatedFileIsRejectedClearly()
    {
        var model = SavedModel();
        var error = Assert.ThrowsAny<Exception>(() => ml.Model.LoadRecurrent(new MemoryStream(model[..(model.Length / 2)]), out _));
        Assert.True(error is ModelFormatException, error.ToString());
    }

    [Fact]
    public void FutureFormatVersionAsksForAnUpgrade()
    {
        var future = Rewrite(SavedModel(), "manifest.json", text => text.Replace("\"version\": 1", "\"version\": 7"));
        var error = Assert.Throws<ModelFormatException>(() => ml.Model.LoadRecurrent(new MemoryStream(future), out _));
        Assert.Contains("format version 7", error.Message);
        Assert.Contains("Upgrade Microsoft.ML.Recurrent", error.Message);
    }

    [Fact]
    public void UnknownRecurrentKindIsNamed()
    {
        var unknown = Rewrite(SavedModel(), "manifest.json", text => text.Replace(SequenceEncoderTransformer.Kind, "Teleporter"));
        var error = Assert.Throws<ModelFormatException>(() => ml.Model.LoadRecurrent(new MemoryStream(unknown), out _));
        Assert.Contains("'Teleporter'", error.Message);
    }

    [Fact]
    public void PlainMlNetModelPointsToTheRightLoader()
    {
        var data = ml.Data.LoadFromEnumerable(new[] { new Row { Sequence = [1, 2, 3, 4] } });
        var plain = new MemoryStream();
        ml.Model.Save(ml.Transforms.CopyColumns("Copy", "Sequence").Fit(data), data.Schema, plain);
        plain.Position = 0;
        var error = Assert.Throws<ModelFormatException>(() => ml.Model.LoadRecurrent(plain, out _));
        Assert.Contains("mlContext.Model.Load", error.Message);
    }

    [Fact]
    public void FailedSaveLeavesTheExistingFileUntouched()
    {
        string directory = Directory.CreateTempSubdirectory().FullName;
        string path = Path.Combine(directory, "model.zip");
        var original = SavedModel();
        File.WriteAllBytes(path, original);
        var data = ml.Data.LoadFromEnumerable(new[] { new Row { Sequence = [1, 2, 3, 4] } });
        var broken = new BrokenTransformer();
        Assert.ThrowsAny<Exception>(() => ml.Model.SaveRecurrent(broken, data.Schema, path));
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(directory));
        Directory.Delete(directory, recursive: true);
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
