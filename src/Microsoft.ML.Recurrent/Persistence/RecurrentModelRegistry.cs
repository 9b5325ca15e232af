using Microsoft.ML.Recurrent.Engine.Persistence;

namespace Microsoft.ML.Recurrent.Persistence;

/// <summary>
/// Loaders for the library's transformers, by <see cref="RecurrentTransformerBase.ModelKind"/>. Each transformer type
/// adds one line here.
/// </summary>
internal static class RecurrentModelRegistry
{
    private static readonly Dictionary<string, Func<Stream, RecurrentTransformerBase>> Loaders = new(StringComparer.Ordinal)
    {
        [LstmForecastingTransformer.Kind] = LstmForecastingTransformer.Load,
        [LstmTextClassificationTransformer.Kind] = LstmTextClassificationTransformer.Load,
        [LstmTranslationTransformer.Kind] = LstmTranslationTransformer.Load,
        [LstmTextCompletionTransformer.Kind] = LstmTextCompletionTransformer.Load,
    };

    /// <summary>Registers (or replaces) the loader of a model kind; used by tests for test-only transformers.</summary>
    public static void Register(string kind, Func<Stream, RecurrentTransformerBase> load)
    {
        lock (Loaders)
        {
            Loaders[kind] = load;
        }
    }

    /// <summary>Rebuilds a transformer of the given kind from its saved model.</summary>
    /// <exception cref="ModelFormatException">The kind is unknown to this version, or the model is damaged.</exception>
    public static RecurrentTransformerBase Load(string kind, Stream stream)
    {
        Func<Stream, RecurrentTransformerBase>? load;
        lock (Loaders)
        {
            Loaders.TryGetValue(kind, out load);
        }

        return load is null
            ? throw new ModelFormatException($"The model contains a recurrent part of kind '{kind}', which this version of Microsoft.ML.Recurrent cannot load. Known kinds: {string.Join(", ", Loaders.Keys)}.")
            : load(stream);
    }
}
