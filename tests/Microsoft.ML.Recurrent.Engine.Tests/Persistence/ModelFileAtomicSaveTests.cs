using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Engine.Tensors;
using static Microsoft.ML.Recurrent.Engine.Tests.Persistence.PersistenceTestSupport;

namespace Microsoft.ML.Recurrent.Engine.Tests.Persistence;

/// <summary>A save that fails part way leaves the previous file untouched and no temporary file behind.</summary>
public class ModelFileAtomicSaveTests
{
    /// <summary>Contents whose last tensor is not finite, so saving fails after the earlier tensors have been written.</summary>
    private static ModelContents FailingMidSave()
    {
        var contents = new ModelContents("Broken", "{}");
        var large = new Tensor(100_000); // larger than the writer's buffer, so bytes reach the file before the failure
        large.Span.Fill(0.25f);
        contents.AddTensor("good", large);
        contents.AddTensor("diverged", Tensor.FromArray([1f, float.NaN, 3f], 3));
        return contents;
    }

    [Fact]
    public void FailureMidSaveLeavesTheExistingFileUntouched()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("model.bin");
        ModelFile.Save(path, SampleContents());
        byte[] before = File.ReadAllBytes(path);

        var error = Assert.Throws<ArgumentException>(() => ModelFile.Save(path, FailingMidSave()));

        Assert.Contains("'diverged' holds the non-finite value NaN at flat index 1", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.bin"], scratch.Entries());
        Assert.Equal("Forecaster", ModelFile.Load(path).Kind);
    }

    [Fact]
    public void FailureMidSaveCreatesNoFile()
    {
        using var scratch = new ScratchDirectory();
        Assert.Throws<ArgumentException>(() => ModelFile.Save(scratch.File("new.bin"), FailingMidSave()));
        Assert.Empty(scratch.Entries());
    }

    [Fact]
    public void FailureToReplaceCleansUpTheTemporaryFile()
    {
        using var scratch = new ScratchDirectory();
        string occupied = scratch.File("taken");
        Directory.CreateDirectory(occupied);

        Assert.ThrowsAny<IOException>(() => ModelFile.Save(occupied, SampleContents()));
        Assert.Equal(["taken"], scratch.Entries());
        Assert.Empty(Directory.GetFileSystemEntries(occupied));
    }

    [Fact]
    public void StreamSaveReportsTheBadTensor()
    {
        using var stream = new MemoryStream();
        var error = Assert.Throws<ArgumentException>(() => ModelFile.Save(stream, FailingMidSave()));
        Assert.Contains("diverged", error.Message);
    }
}
