using Microsoft.ML.Recurrent.Engine.Persistence;
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
    /// is atomic: the file is written to a temporary name in the same folder, then renamed over any existing file; errors
    /// name <paramref name="filePath"/>.
    /// </summary>
    /// <exception cref="IOException">The path is a directory, its directory does not exist, or writing fails.</exception>
    public static void SaveRecurrent(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, string filePath)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ModelPath.WriteAtomically(filePath, file => catalog.SaveRecurrent(model, inputSchema, file), nameof(filePath));
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
    /// <exception cref="ModelFormatException">The file is not such a model, or it is truncated, corrupt or inconsistent.</exception>
    /// <exception cref="IOException">The path is a directory or the file cannot be read.</exception>
    public static ITransformer LoadRecurrent(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema)
    {
        using var file = ModelPath.OpenRead(filePath, nameof(filePath));
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
