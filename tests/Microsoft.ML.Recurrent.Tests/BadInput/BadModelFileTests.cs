using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Tests.Shared;
using static Microsoft.ML.Recurrent.Tests.TextClassification.ReviewData;

namespace Microsoft.ML.Recurrent.Tests.BadInput;

/// <summary>Damaged one-file models (SaveRecurrent's zip) are refused at load with a <see cref="ModelFormatException"/> naming what is wrong.</summary>
public class BadModelFileTests
{
    private const string RecurrentPart = "parts/0.mlrnn";

    private static readonly Lazy<byte[]> Saved = new(() =>
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Reviews(40, seed: 8));
        var options = SmallOptions();
        options.Epochs = 1;
        var model = ml.BinaryClassification.Trainers.LstmTextClassifier(options).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.SaveRecurrent(model, data.Schema, stream);
        return stream.ToArray();
    });

    private readonly MLContext ml = new(seed: 1);

    public static TheoryData<string, string, string> Damages() => new()
    {
        { "header", "binary=\"yes\"", "'binary' is the string \"yes\", but true or false was expected" },
        { "header", "-label", "has no 'label'" },
        { "header", "extraFeatureCount=3", "'extraFeatureCount' is 3, but the classifier has 0" },
        { "model", "-classCount", "The TextClassifier model file is invalid: it has no 'classCount'" },
        { "model", "options.maxLength=-1", "'options.maxLength' is invalid" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void DamagedRecurrentPartIsRefusedNamingWhatIsWrong(string section, string change, string expected)
    {
        Action<JsonObject, OrderedDictionary<string, Tensor>> edit = (a, _) =>
        {
            if (change.StartsWith('-'))
            {
                ModelFileSurgery.Remove(a, change[1..]);
            }
            else
            {
                var (path, value) = (change[..change.IndexOf('=')], change[(change.IndexOf('=') + 1)..]);
                ModelFileSurgery.Set(a, path, JsonNode.Parse(value));
            }
        };
        var damaged = EditPart(part =>
        {
            var header = ModelFile.Load(part);
            var model = ModelFile.Load(part);
            var rest = new MemoryStream();
            part.CopyTo(rest);
            var edited = new MemoryStream();
            (section == "header" ? ModelFileSurgery.Edit(s => ModelFile.Save(s, header), edit) : Copy(header)).CopyTo(edited);
            (section == "model" ? ModelFileSurgery.Edit(s => ModelFile.Save(s, model), edit) : Copy(model)).CopyTo(edited);
            edited.Write(rest.ToArray());
            return edited.ToArray();
        });
        var error = Assert.Throws<ModelFormatException>(() => ml.Model.LoadRecurrent(new MemoryStream(damaged), out _));
        Assert.True(error.Message.Contains(expected), error.Message);
    }

    [Fact]
    public void TruncatedRecurrentPartIsRefusedNamingTheEntry()
    {
        var damaged = EditPart(part => part.ToArray()[..(int)(part.Length / 2)]);
        var error = Assert.Throws<ModelFormatException>(() => ml.Model.LoadRecurrent(new MemoryStream(damaged), out _));
        Assert.True(error.Message.Contains("truncated"), error.Message);
    }

    [Fact]
    public void DamagedMlNetPartIsRefusedNamingTheEntry()
    {
        var damaged = EditEntry("input-schema.zip", entry => entry.ToArray()[..20]);
        var error = Assert.Throws<ModelFormatException>(() => ml.Model.LoadRecurrent(new MemoryStream(damaged), out _));
        Assert.True(error.Message.Contains("the entry 'input-schema.zip' cannot be read"), error.Message);
    }

    [Fact]
    public void DirectoryAsTheModelPathIsSaidToBeADirectory()
    {
        var error = Assert.Throws<IOException>(() => ml.Model.LoadRecurrent(Path.GetTempPath(), out _));
        Assert.Contains("is a directory", error.Message);
        Assert.Contains("filePath", error.Message);
    }

    private static byte[] EditPart(Func<MemoryStream, byte[]> change) => EditEntry(RecurrentPart, change);

    private static byte[] EditEntry(string name, Func<MemoryStream, byte[]> change)
    {
        using var stream = new MemoryStream();
        stream.Write(Saved.Value);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var old = zip.GetEntry(name)!;
            var content = new MemoryStream();
            using (var source = old.Open())
            {
                source.CopyTo(content);
            }

            content.Position = 0;
            byte[] changed = change(content);
            old.Delete();
            using var target = zip.CreateEntry(name).Open();
            target.Write(changed);
        }

        return stream.ToArray();
    }

    private static MemoryStream Copy(ModelContents contents)
    {
        var stream = new MemoryStream();
        ModelFile.Save(stream, contents);
        stream.Position = 0;
        return stream;
    }
}
