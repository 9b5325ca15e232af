namespace Microsoft.ML.Recurrent.Engine.Persistence;

/// <summary>
/// The file-system side of saving and loading models, shared by every model file and checkpoint: opening a model
/// (a directory is named as such), atomic writes whose errors name the path the caller gave (never the temporary file),
/// and an up-front check that a path can be written, for settings such as a checkpoint path that are used only later.
/// </summary>
public static class ModelPath
{
    /// <summary>Opens <paramref name="path"/> for reading a model.</summary>
    /// <param name="path">The model file.</param>
    /// <param name="parameterName">The caller's name for the path, used in messages.</param>
    /// <exception cref="IOException"><paramref name="path"/> is a directory, does not exist (<see cref="FileNotFoundException"/>) or cannot be read.</exception>
    public static FileStream OpenRead(string path, string parameterName = "path")
    {
        ArgumentException.ThrowIfNullOrEmpty(path, parameterName);
        if (Directory.Exists(path))
        {
            throw new IOException($"Cannot load a model from '{path}' ({parameterName}): it is a directory; pass the path of a model file.");
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.SequentialScan);
    }

    /// <summary>
    /// Writes a file atomically: <paramref name="write"/> fills a temporary file in the same directory, which is flushed
    /// to disk and then renamed over <paramref name="path"/>. On failure the temporary file is deleted and an existing file
    /// at <paramref name="path"/> is untouched. File-system errors name <paramref name="path"/>, never the temporary file;
    /// other errors of <paramref name="write"/> pass through unchanged.
    /// </summary>
    /// <exception cref="IOException">The path is a directory, its directory does not exist (<see cref="DirectoryNotFoundException"/>) or the disk fails.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory or an existing file may not be written.</exception>
    public static void WriteAtomically(string path, Action<Stream> write, string parameterName = "path")
    {
        ArgumentException.ThrowIfNullOrEmpty(path, parameterName);
        ArgumentNullException.ThrowIfNull(write);
        string fullPath = Path.GetFullPath(path);
        string directory = RequireTarget(fullPath, parameterName, message => new IOException(message), message => new DirectoryNotFoundException(message));
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw Renamed(e, fullPath, temporary);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="json"/> to <paramref name="path"/>, indented, atomically (see <see cref="WriteAtomically"/>).</summary>
    internal static void WriteJsonAtomically(string path, System.Text.Json.Nodes.JsonNode json) =>
        WriteAtomically(path, stream => System.Text.Json.JsonSerializer.Serialize(stream, json, IndentedJson));

    private static readonly System.Text.Json.JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    /// <summary>
    /// Checks up front that a model can later be saved at <paramref name="path"/>: it is not a directory, its directory
    /// exists and a file can be created there. Use it when a path is given as a setting, so a bad path fails before long work.
    /// </summary>
    /// <exception cref="ArgumentException">The path cannot be written; the message names <paramref name="parameterName"/>, the path and why.</exception>
    public static void RequireWritable(string path, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path, parameterName);
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new ArgumentException($"{parameterName} '{path}' is not a valid file path: {e.Message}", parameterName, e);
        }

        string directory = RequireTarget(fullPath, parameterName, message => new ArgumentException(message, parameterName), message => new ArgumentException(message, parameterName));
        string probe = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.probe");
        try
        {
            new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose).Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(probe);
            throw new ArgumentException(
                $"{parameterName} '{fullPath}' cannot be written: creating a file in '{directory}' failed ({e.Message.Replace(probe, directory, StringComparison.Ordinal)}).",
                parameterName,
                e);
        }
    }

    /// <summary>The directory of <paramref name="fullPath"/>, after checking that the path is not a directory and its directory exists.</summary>
    private static string RequireTarget(string fullPath, string parameterName, Func<string, Exception> isDirectory, Func<string, Exception> noDirectory)
    {
        if (Directory.Exists(fullPath))
        {
            throw isDirectory($"Cannot save a model to '{fullPath}' ({parameterName}): it is a directory; give a file name.");
        }

        string? directory = Path.GetDirectoryName(fullPath);
        if (directory is null)
        {
            throw isDirectory($"Cannot save a model to '{fullPath}' ({parameterName}): it is the root of the file system; give a file name.");
        }

        if (!Directory.Exists(directory))
        {
            throw noDirectory($"Cannot save a model to '{fullPath}' ({parameterName}): its directory '{directory}' does not exist.");
        }

        return directory;
    }

    /// <summary>The file-system error <paramref name="error"/> of a save, of the same kind, naming <paramref name="fullPath"/> instead of the temporary file.</summary>
    private static Exception Renamed(Exception error, string fullPath, string temporary)
    {
        string reason = error.Message.Replace(temporary, fullPath, StringComparison.Ordinal);
        string message = $"Cannot save the model to '{fullPath}': {reason}";
        return error switch
        {
            UnauthorizedAccessException => new UnauthorizedAccessException(message, error),
            DirectoryNotFoundException => new DirectoryNotFoundException(message, error),
            _ => new IOException(message, error),
        };
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure matters more than a leftover temporary file.
        }
    }
}
