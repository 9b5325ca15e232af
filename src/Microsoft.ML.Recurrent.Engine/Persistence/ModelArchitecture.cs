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
    /// <paramref name="maxVersion"/> or older, then rebuilds the model with <paramref name="read"/>, which reads the
    /// architecture through an <see cref="ArchitectureSection"/> so that every missing, mistyped or inconsistent entry is
    /// named, and fetches its tensors with <see cref="ModelContents.GetTensor(string, ReadOnlySpan{int})"/>.
    /// </summary>
    /// <exception cref="ModelFormatException">Another kind, a newer version, or an architecture or tensors <paramref name="read"/> cannot use.</exception>
    public static T Read<T>(ModelContents contents, string kind, int maxVersion, Func<ArchitectureSection, T> read)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(read);
        if (contents.Kind != kind)
        {
            throw new ModelFormatException($"The model file holds a '{contents.Kind}' model, not a '{kind}'.");
        }

        var architecture = new ArchitectureSection(contents.GetArchitecture(), $"{kind} model file");
        int version = architecture.Int32(VersionKey, min: 1);
        if (version > maxVersion)
        {
            throw new ModelFormatException(
                $"This {kind} was saved with architecture version {version}, but this library reads versions up to {maxVersion}; upgrade Microsoft.ML.Recurrent.");
        }

        try
        {
            return read(architecture);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException or OverflowException)
        {
            // A check the reader did not make explicitly: still the file's fault, so still a format error.
            throw new ModelFormatException($"The {kind} model file is invalid: {e.Message}", e);
        }
    }
}
