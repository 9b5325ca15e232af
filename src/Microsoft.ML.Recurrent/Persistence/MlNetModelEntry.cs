using System.Reflection;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Runtime;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.Recurrent.Persistence;

/// <summary>
/// A recurrent transformer as one entry of an ML.NET model file, so that <c>mlContext.Model.Save</c> and
/// <c>mlContext.Model.Load</c> handle pipelines that contain one. The entry's model section holds:
/// <code>
/// int32   string id of <see cref="UnregisteredLoaderFactory.ContractName"/>   } read by ML.NET's CustomMapping loader
/// int32   string id of this assembly's name                                 } when this library's loader is not registered
/// int32   format version (<see cref="FormatVersion"/>)
/// string  the transformer's model kind (<see cref="RecurrentTransformerBase.ModelKind"/>)
/// int64   byte count N
/// N bytes the transformer's own model (<see cref="RecurrentTransformerBase.SaveModel"/>: versioned, checksummed)
/// </code>
/// ML.NET finds loaders by the name in an entry's header, in the MLContext's <see cref="ComponentCatalog"/>, which a
/// library outside ML.NET cannot declare itself in; <see cref="Register"/> adds this library's loader to a catalog.
/// The header names an alternative loader, ML.NET's CustomMapping loader, with its model signature and version: an
/// MLContext without this library's loader falls back to it, and it reaches <see cref="UnregisteredLoaderFactory"/>,
/// whose error says which call is missing (instead of ML.NET's "Couldn't load model").
/// </summary>
internal static class MlNetModelEntry
{
    /// <summary>The name ML.NET looks the loader up by (at most 24 Latin-1 characters).</summary>
    public const string LoaderSignature = "MLRecurrentTransformer";

    /// <summary>Version of the entry layout above; a newer file fails with a request to upgrade.</summary>
    public const int FormatVersion = 1;

    // The header of ML.NET's CustomMapping entries (Microsoft.ML.Transforms' LambdaTransform, version 0x00010002 with
    // the contract's assembly), so that its loader accepts the entry as the fallback.
    private const string FallbackLoaderSignature = "CustomTransformer";
    private const string FallbackModelSignature = "CUSTOMXF";
    private const uint FallbackVersion = 0x00010002;
    private const uint FallbackOldestVersion = 0x00010001;

    private static readonly MethodInfo LoadMethod = typeof(MlNetModelEntry).GetMethod(nameof(Load), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>
    /// Adds this library's loader to <paramref name="catalog"/> (once; later calls return at once), so that
    /// <c>Model.Load</c> in its MLContext can read recurrent transformers.
    /// </summary>
    public static void Register(ComponentCatalog catalog) => MlNetInternals.Current.Register(catalog, LoaderSignature, LoadMethod);

    /// <summary>Writes <paramref name="transformer"/> into the entry ML.NET is saving, and registers the loader in the saving MLContext.</summary>
    public static void Save(RecurrentTransformerBase transformer, ModelSaveContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var ml = MlNetInternals.Current;
        ml.CheckAtModel(ctx);
        ml.SetVersionInfo(ctx, FallbackModelSignature, FallbackVersion, FallbackVersion, FallbackOldestVersion,
            typeof(CustomMappingFactoryAttributeAttribute).Assembly.FullName!, LoaderSignature, FallbackLoaderSignature);
        ml.SaveString(ctx, UnregisteredLoaderFactory.ContractName);
        ml.SaveString(ctx, typeof(MlNetModelEntry).Assembly.FullName!);

        using var model = new MemoryStream();
        transformer.SaveModel(model);
        var writer = ml.Writer(ctx);
        writer.Write(FormatVersion);
        writer.Write(transformer.ModelKind);
        writer.Write(model.Length);
        writer.Write(model.GetBuffer(), 0, (int)model.Length);

        if (ml.Environment(ctx) is { } environment)
        {
            Register(environment.ComponentCatalog);
        }
    }

    /// <summary>ML.NET's loader signature (IHostEnvironment, ModelLoadContext): reads an entry written by <see cref="Save"/>.</summary>
    /// <exception cref="ModelFormatException">The entry is truncated, inconsistent or of a newer format.</exception>
    private static ITransformer Load(IHostEnvironment environment, object loadContext)
    {
        var reader = MlNetInternals.Current.Reader(loadContext);
        try
        {
            reader.ReadInt32();
            reader.ReadInt32();
            int version = reader.ReadInt32();
            if (version < 1 || version > FormatVersion)
            {
                throw new ModelFormatException(version < 1
                    ? $"The Microsoft.ML.Recurrent entry has an invalid format version {version} (corrupt file)."
                    : $"The Microsoft.ML.Recurrent transformer was saved in format version {version}, but this version of Microsoft.ML.Recurrent reads versions up to {FormatVersion}. Upgrade Microsoft.ML.Recurrent to load it.");
            }

            string kind = reader.ReadString();
            long length = reader.ReadInt64();
            long remaining = reader.BaseStream.Length - reader.BaseStream.Position;
            if (length < 0 || length > Math.Min(remaining, Array.MaxLength))
            {
                throw new ModelFormatException($"The {kind} entry declares a model of {length} bytes, but {remaining} bytes remain (truncated or corrupt file).");
            }

            using var model = new MemoryStream(reader.ReadBytes((int)length), writable: false);
            var transformer = RecurrentModelRegistry.Load(kind, model);
            if (model.Position != model.Length)
            {
                throw new ModelFormatException($"The {kind} entry has {model.Length - model.Position} bytes after its model (corrupt file).");
            }

            return transformer;
        }
        catch (EndOfStreamException error)
        {
            throw new ModelFormatException("The Microsoft.ML.Recurrent entry ends early (truncated or corrupt file).", error);
        }
    }

    /// <summary>
    /// What ML.NET's CustomMapping loader finds, by contract name, when it loads a recurrent entry in an MLContext that
    /// lacks this library's loader: a factory that fails with the call to make.
    /// </summary>
    [CustomMappingFactoryAttribute(ContractName)]
    internal sealed class UnregisteredLoaderFactory : CustomMappingFactory<UnregisteredLoaderFactory.NoColumns, UnregisteredLoaderFactory.NoColumns>
    {
        /// <summary>The contract name written into every recurrent entry.</summary>
        public const string ContractName = "Microsoft.ML.Recurrent.UnregisteredLoader";

        /// <inheritdoc/>
        public override Action<NoColumns, NoColumns> GetMapping() => throw new InvalidOperationException(
            "The model holds a Microsoft.ML.Recurrent transformer, and this MLContext does not have Microsoft.ML.Recurrent's model loader yet. " +
            "Call mlContext.ComponentCatalog.RegisterRecurrentTransformers() (namespace Microsoft.ML.Recurrent) once before mlContext.Model.Load, " +
            "or load with mlContext.Model.LoadRecurrent, which does it.");

        /// <summary>No columns: the mapping is never run.</summary>
        public sealed class NoColumns
        {
        }
    }
}
