using Microsoft.ML.Recurrent.Persistence;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// One-file saving and loading of fitted pipelines that contain recurrent transformers, on <c>mlContext.Model</c>.
/// ML.NET transformers in the pipeline are saved by ML.NET itself inside the same file.
/// </summary>
public static class RecurrentModelOperationsExtensions
{
    /// <summary>
    /// Saves <paramref name="model"/> and the schema of the data it was fitted on to <paramref name="filePath"/>. The write
    /// is atomic: the file is written to a temporary name in the same folder, then renamed over any existing file.
    /// </summary>
    public static void SaveRecurrent(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, string filePath)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        string fullPath = Path.GetFullPath(filePath);
        string temporary = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                catalog.SaveRecurrent(model, inputSchema, file);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Saves <paramref name="model"/> and its input schema to <paramref name="stream"/>.</summary>
    public static void SaveRecurrent(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(stream);
        RecurrentModelFormat.Save(catalog, model, inputSchema, stream);
    }

    /// <summary>Loads a model saved by <see cref="SaveRecurrent(ModelOperationsCatalog, ITransformer, DataViewSchema, string)"/>.</summary>
    public static ITransformer LoadRecurrent(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema)
    {
        using var file = File.OpenRead(filePath);
        return catalog.LoadRecurrent(file, out inputSchema);
    }

    /// <summary>Loads a model saved by <see cref="SaveRecurrent(ModelOperationsCatalog, ITransformer, DataViewSchema, Stream)"/>.</summary>
    public static ITransformer LoadRecurrent(this ModelOperationsCatalog catalog, Stream stream, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stream);
        return RecurrentModelFormat.Load(catalog, stream, out inputSchema);
    }
}
