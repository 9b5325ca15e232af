namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>Finds the repository's example datasets from the harness's output folder upwards.</summary>
internal static class DataFiles
{
    /// <summary>The path of examples/data/<paramref name="folder"/>/<paramref name="file"/>.</summary>
    public static string Find(string folder, string file)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "examples", "data", folder, file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"examples/data/{folder}/{file} was not found above " + AppContext.BaseDirectory);
    }
}
