using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Tests.Shared;
using static Microsoft.ML.Recurrent.Tests.TextClassification.ReviewData;

namespace Microsoft.ML.Recurrent.Tests.BadInput;

/// <summary>
/// Damaged recurrent entries of ML.NET model files are refused at load with a <see cref="ModelFormatException"/> naming
/// what is wrong: the transformer's header and its model are both checked, and against each other.
/// </summary>
public class BadModelFileTests
{
    private static readonly Lazy<byte[]> Saved = new(() =>
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Reviews(40, seed: 8));
        var options = SmallOptions();
        options.Epochs = 1;
        var model = ml.BinaryClassification.Trainers.LstmTextClassifier(options).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        return stream.ToArray();
    });

    private readonly MLContext ml = new(seed: 1);

    /// <summary>Which of the entry's two model files to change (its header or its classifier), the key, a value of the same JSON length, and the expected error.</summary>
    public static TheoryData<string, string, string, string> Damages() => new()
    {
        { "header", "binary", "1234", "'binary' is the number 1234, but true or false was expected" },
        { "header", "extraFeatureCount", "3", "'extraFeatureCount' is 3, but the classifier has 0" },
        { "model", "classCount", "9", "'network.head.weight' has shape [2, 32] in the TextClassifier model, but the module expects [9, 32]" },
        { "model", "options.maxLength", "-99", "'options.maxLength' is invalid: TextClassifierOptions.MaxLength must be at least 1" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void DamagedRecurrentEntryIsRefusedNamingWhatIsWrong(string part, string key, string value, string expected)
    {
        var damaged = RewriteRecurrentModels(part == "header" ? 0 : 1, a => ModelFileSurgery.Set(a, key, JsonNode.Parse(value)));
        var error = Assert.Throws<ModelFormatException>(() => ml.Model.LoadRecurrent(new MemoryStream(damaged), out _));
        Assert.True(error.Message.Contains(expected), error.Message);
    }

    [Fact]
    public void DirectoryAsTheModelPathIsSaidToBeADirectory()
    {
        var error = Assert.Throws<IOException>(() => ml.Model.LoadRecurrent(Path.GetTempPath(), out _));
        Assert.Contains("is a directory", error.Message);
        Assert.Contains("filePath", error.Message);
    }

    [Fact]
    public void SavingIntoAMissingDirectoryNamesTheUsersPath()
    {
        var data = ml.Data.LoadFromEnumerable(Reviews(4, seed: 9));
        string path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "model.zip");
        var error = Assert.Throws<DirectoryNotFoundException>(() => ml.Model.SaveRecurrent(ml.Transforms.CopyColumns("Copy", "Text").Fit(data), data.Schema, path));
        Assert.Contains($"'{path}'", error.Message);
        Assert.DoesNotContain(".tmp", error.Message);
    }

    /// <summary>
    /// The saved model with the <paramref name="index"/>th model file of the recurrent entry (0: the transformer's header,
    /// 1: the classifier) changed by <paramref name="edit"/>, which must keep its length (ML.NET's entry records it).
    /// </summary>
    private static byte[] RewriteRecurrentModels(int index, Action<JsonObject> edit)
    {
        using var stream = new MemoryStream();
        stream.Write(Saved.Value);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var entry in zip.Entries.ToList())
            {
                byte[] bytes;
                using (var source = entry.Open())
                using (var buffer = new MemoryStream())
                {
                    source.CopyTo(buffer);
                    bytes = buffer.ToArray();
                }

                int start = bytes.AsSpan().IndexOf("MLRNNMDL"u8);
                if (start < 0)
                {
                    continue;
                }

                var reader = new MemoryStream(bytes) { Position = start };
                for (int i = 0; i < index; i++)
                {
                    ModelFile.Load(reader);
                }

                int from = (int)reader.Position;
                var original = ModelFile.Load(reader);
                using var edited = ModelFileSurgery.Edit(s => ModelFile.Save(s, original), (a, _) => edit(a));
                Assert.Equal(reader.Position - from, edited.Length);
                edited.ToArray().CopyTo(bytes, from);
                string name = entry.FullName;
                entry.Delete();
                using var target = zip.CreateEntry(name).Open();
                target.Write(bytes);
                break;
            }
        }

        return stream.ToArray();
    }
}
