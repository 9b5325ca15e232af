using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;

namespace Microsoft.ML.Recurrent.Persistence;

/// <summary>
/// The header every recurrent transformer writes before its model: its kind and a JSON description (columns, settings)
/// carrying the transformer's own format version, so a newer file fails with a clear message.
/// </summary>
internal static class TransformerHeader
{
    /// <summary>Writes the header: <paramref name="description"/> plus <paramref name="formatVersion"/>.</summary>
    public static void Write(Stream stream, string kind, int formatVersion, JsonObject description)
    {
        description["formatVersion"] = formatVersion;
        ModelFile.Save(stream, new ModelContents(kind, description));
    }

    /// <summary>
    /// Reads a header of <paramref name="kind"/> written in format version <paramref name="maxFormatVersion"/> or older;
    /// returns its description, whose typed reads name any missing or mistyped entry.
    /// </summary>
    /// <exception cref="ModelFormatException">The header is of another kind, of a newer format version, or damaged.</exception>
    public static ArchitectureSection Read(Stream stream, string kind, int maxFormatVersion)
    {
        var contents = ModelFile.Load(stream);
        if (contents.Kind != kind)
        {
            throw new ModelFormatException($"Expected a {kind} model, found '{contents.Kind}'.");
        }

        var description = new ArchitectureSection(contents.GetArchitecture(), $"{kind} part of the model");
        int version = description.OptionalInt32("formatVersion", 0) ?? 0;
        if (version > maxFormatVersion)
        {
            throw new ModelFormatException($"The {kind} was saved in format version {version}, but this version of Microsoft.ML.Recurrent reads versions up to {maxFormatVersion}. Upgrade Microsoft.ML.Recurrent to load it.");
        }

        return description;
    }
}
