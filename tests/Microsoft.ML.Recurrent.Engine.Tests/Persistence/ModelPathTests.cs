using Microsoft.ML.Recurrent.Engine.Persistence;
using static Microsoft.ML.Recurrent.Engine.Tests.Persistence.PersistenceTestSupport;

namespace Microsoft.ML.Recurrent.Engine.Tests.Persistence;

/// <summary>Bad paths, tried as a new user would: every error names the path the user gave and says what is wrong with it.</summary>
public class ModelPathTests
{
    [Fact]
    public void SavingIntoAMissingDirectoryNamesTheUsersPathNotTheTemporaryFile()
    {
        using var scratch = new ScratchDirectory();
        string path = Path.Combine(scratch.Path, "missing", "model.mlrnn");
        var error = Assert.Throws<DirectoryNotFoundException>(() => ModelFile.Save(path, SampleContents()));
        Assert.Contains($"'{path}'", error.Message);
        Assert.Contains("does not exist", error.Message);
        Assert.DoesNotContain(".tmp", error.Message);
    }

    [Fact]
    public void SavingIntoAnUnwritableDirectoryNamesTheUsersPathNotTheTemporaryFile()
    {
        using var scratch = new ScratchDirectory();
        string path = Path.Combine(UnwritableDirectory(scratch), "model.mlrnn");
        var error = Assert.Throws<UnauthorizedAccessException>(() => ModelFile.Save(path, SampleContents()));
        Assert.Contains($"'{path}'", error.Message);
        Assert.DoesNotContain(".tmp", error.Message);
    }

    [Fact]
    public void ADirectoryAsTheModelPathIsSaidToBeADirectory()
    {
        using var scratch = new ScratchDirectory();
        var load = Assert.Throws<IOException>(() => ModelFile.Load(scratch.Path));
        Assert.Contains($"'{scratch.Path}'", load.Message);
        Assert.Contains("is a directory", load.Message);

        var save = Assert.Throws<IOException>(() => ModelFile.Save(scratch.Path, SampleContents()));
        Assert.Contains("is a directory", save.Message);
        Assert.Empty(scratch.Entries());
    }

    [Fact]
    public void RequireWritableNamesTheSettingThePathAndWhatIsWrong()
    {
        using var scratch = new ScratchDirectory();
        string missing = Path.Combine(scratch.Path, "missing", "checkpoint.mlrnn");
        var error = Assert.Throws<ArgumentException>(() => ModelPath.RequireWritable(missing, "CheckpointPath"));
        Assert.Equal("CheckpointPath", error.ParamName);
        Assert.Contains($"'{missing}'", error.Message);
        Assert.Contains("does not exist", error.Message);

        error = Assert.Throws<ArgumentException>(() => ModelPath.RequireWritable(scratch.Path, "CheckpointPath"));
        Assert.Equal("CheckpointPath", error.ParamName);
        Assert.Contains("is a directory", error.Message);

        string unwritable = Path.Combine(UnwritableDirectory(scratch), "checkpoint.mlrnn");
        error = Assert.Throws<ArgumentException>(() => ModelPath.RequireWritable(unwritable, "CheckpointPath"));
        Assert.Equal("CheckpointPath", error.ParamName);
        Assert.Contains($"'{unwritable}' cannot be written", error.Message);

        string writable = Directory.CreateDirectory(scratch.File("writable")).FullName;
        ModelPath.RequireWritable(Path.Combine(writable, "checkpoint.mlrnn"), "CheckpointPath");
        Assert.Empty(Directory.GetFileSystemEntries(writable));
    }

    /// <summary>
    /// A directory nobody may create files in: a read-only subdirectory of <paramref name="scratch"/>, or, for a user who
    /// may write anywhere (root), the kernel's read-only /sys.
    /// </summary>
    internal static string UnwritableDirectory(ScratchDirectory scratch)
    {
        string directory = scratch.File("read-only");
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        try
        {
            File.Create(Path.Combine(directory, "probe"), 1, FileOptions.DeleteOnClose).Dispose();
        }
        catch (UnauthorizedAccessException)
        {
            return directory;
        }

        Directory.Delete(directory);
        return "/sys";
    }
}
