using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Persistence;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// Saving and loading fitted pipelines that contain recurrent transformers. They are ordinary ML.NET model files:
/// <c>mlContext.Model.Save(model, inputSchema, path)</c> writes them and <c>mlContext.Model.Load(path, out inputSchema)</c>
/// reads them. ML.NET finds loaders in the MLContext's <see cref="ComponentCatalog"/>, where a library outside ML.NET
/// cannot declare its own: saving registers this library's loader in the saving MLContext, and any other MLContext
/// needs <see cref="RegisterRecurrentTransformers"/> once before <c>Model.Load</c> (as CustomMapping needs
/// <c>RegisterAssembly</c>); without it, <c>Model.Load</c> fails with an error naming that call.
/// <see cref="SaveRecurrent"/> and <see cref="LoadRecurrent(ModelOperationsCatalog, string, out DataViewSchema)"/> are
/// conveniences over the two: an atomic save, and a load that registers the loader and reports unreadable files as
/// <see cref="ModelFormatException"/>.
/// </summary>
public static class RecurrentModelOperationsExtensions
{
    /// <summary>
    /// Registers Microsoft.ML.Recurrent's model loader in this catalog (<c>mlContext.ComponentCatalog</c>), so that
    /// <c>mlContext.Model.Load</c> reads models holding recurrent transformers. Call it once per MLContext before
    /// loading; further calls do nothing.
    /// </summary>
    /// <exception cref="NotSupportedException">The Microsoft.ML in this process is not one whose model files this version supports (6.0).</exception>
    public static void RegisterRecurrentTransformers(this ComponentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        MlNetModelEntry.Register(catalog);
    }

    /// <summary>
    /// Saves <paramref name="model"/> and the schema of the data it was fitted on to <paramref name="filePath"/>, as
    /// <c>mlContext.Model.Save</c> does, but atomically: the file is written to a temporary name in the same folder, then
    /// renamed over any existing file, so a failed save leaves the previous file intact; file-system errors name
    /// <paramref name="filePath"/> (see <see cref="ModelPath.WriteAtomically"/>).
    /// </summary>
    /// <exception cref="IOException">The path is a directory, its directory does not exist, or writing fails.</exception>
    public static void SaveRecurrent(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, string filePath)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ModelPath.WriteAtomically(filePath, file => catalog.Save(model, inputSchema, file), nameof(filePath));
    }

    /// <summary>
    /// Loads a model saved by <c>mlContext.Model.Save</c> or <see cref="SaveRecurrent"/>, with or without recurrent
    /// transformers: <c>mlContext.Model.Load</c> after <see cref="RegisterRecurrentTransformers"/>.
    /// </summary>
    /// <exception cref="ModelFormatException">The file is not a readable ML.NET model; the message names the file and the cause.</exception>
    /// <exception cref="IOException">The path is a directory or the file cannot be read.</exception>
    public static ITransformer LoadRecurrent(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema)
    {
        using var file = ModelPath.OpenRead(filePath, nameof(filePath));
        return Load(catalog, file, $"The model file '{filePath}'", out inputSchema);
    }

    /// <summary>Loads a model from <paramref name="stream"/>, like <see cref="LoadRecurrent(ModelOperationsCatalog, string, out DataViewSchema)"/>.</summary>
    /// <exception cref="ModelFormatException">The stream does not hold a readable ML.NET model; the message names the cause.</exception>
    public static ITransformer LoadRecurrent(this ModelOperationsCatalog catalog, Stream stream, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Load(catalog, stream, "The stream", out inputSchema);
    }

    private static ITransformer Load(ModelOperationsCatalog catalog, Stream stream, string source, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        MlNetModelEntry.Register(MlNetInternals.Current.Environment(catalog).ComponentCatalog);
        try
        {
            return catalog.Load(stream, out inputSchema);
        }
        catch (Exception error) when (error is not (OutOfMemoryException or OperationCanceledException))
        {
            // ML.NET calls loaders by reflection, so the cause is the innermost of a chain of invocation exceptions, or the
            // first format error in it (whose message names the damaged part and already includes its own cause).
            var cause = error;
            while (cause.InnerException is not null && cause is not ModelFormatException)
            {
                cause = cause.InnerException;
            }

            throw new ModelFormatException($"{source} cannot be loaded as an ML.NET model: {cause.Message}", error);
        }
    }
}
