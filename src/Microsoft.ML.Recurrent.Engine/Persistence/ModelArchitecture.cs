using System.Text.Json.Nodes;

namespace Microsoft.ML.Recurrent.Engine.Persistence;

/// <summary>
/// The envelope every task model (forecaster, classifier, translator, language model) puts around its architecture
/// JSON: a kind, an architecture version that newer files can be refused by, and the writing library's version; and
/// the matching checks on load, which turn a foreign, newer or malformed architecture into a <see cref="ModelFormatException"/>.
/// </summary>
public static class ModelArchitecture
{
    /// <summary>Key of the architecture version in the architecture JSON.</summary>
    public const string VersionKey = "architectureVersion";

    /// <summary>
    /// Creates contents of <paramref name="kind"/> whose architecture is <paramref name="architecture"/> stamped with
    /// <paramref name="version"/>, with the version of <paramref name="modelType"/>'s assembly as "library" metadata.
    /// </summary>
    public static ModelContents Create(string kind, int version, JsonObject architecture, Type modelType)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(modelType);
        architecture[VersionKey] = version;
        return new ModelContents(kind, architecture, [new("library", modelType.Assembly.GetName().Version?.ToString() ?? "unknown")]);
    }

    /// <summary>
    /// Checks that <paramref name="contents"/> hold a <paramref name="kind"/> of architecture version
    /// <paramref name="maxVersion"/> or older, then rebuilds the model with <paramref name="read"/>.
    /// </summary>
    /// <exception cref="ModelFormatException">Another kind, a newer version, or an architecture <paramref name="read"/> cannot use (a missing or mistyped entry).</exception>
    public static T Read<T>(ModelContents contents, string kind, int maxVersion, Func<JsonObject, T> read)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(read);
        if (contents.Kind != kind)
        {
            throw new ModelFormatException($"The model file holds a '{contents.Kind}' model, not a '{kind}'.");
        }

        try
        {
            var architecture = contents.GetArchitecture();
            int version = (int)architecture[VersionKey]!;
            if (version > maxVersion)
            {
                throw new ModelFormatException(
                    $"This {kind} was saved with architecture version {version}, but this library reads versions up to {maxVersion}; upgrade Microsoft.ML.Recurrent.");
            }

            return read(architecture);
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new ModelFormatException($"The {kind} architecture is incomplete or invalid: {e.Message}", e);
        }
    }
}
