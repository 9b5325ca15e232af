using System.Text.Json;
using System.Text.Json.Nodes;

namespace Microsoft.ML.Recurrent.Text.Serialization;

/// <summary>Typed reads of required JSON fields; a missing or mistyped field throws a <see cref="FormatException"/> naming it.</summary>
internal static class JsonFields
{
    public static string String(JsonObject json, string name, string owner) => Read(json, name, owner, "a string", JsonValueKind.String).GetValue<string>();

    public static bool Boolean(JsonObject json, string name, string owner)
    {
        var node = json[name];
        if (node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValue<bool>();
        }

        throw Missing(name, owner, "true or false");
    }

    public static JsonObject Object(JsonObject json, string name, string owner) =>
        json[name] as JsonObject ?? throw Missing(name, owner, "an object");

    /// <summary>Reads an array of strings; <paramref name="owner"/> names the document in errors.</summary>
    public static List<string> Strings(JsonObject json, string name, string owner)
    {
        var array = json[name] as JsonArray ?? throw Missing(name, owner, "an array of strings");
        var result = new List<string>(array.Count);
        for (int i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonValue item || item.GetValueKind() != JsonValueKind.String)
            {
                throw new FormatException($"{owner}: element {i} of '{name}' is not a string.");
            }

            result.Add(item.GetValue<string>());
        }

        return result;
    }

    private static JsonValue Read(JsonObject json, string name, string owner, string expected, JsonValueKind kind)
        => json[name] is JsonValue value && value.GetValueKind() == kind ? value : throw Missing(name, owner, expected);

    private static FormatException Missing(string name, string owner, string expected) =>
        new($"{owner}: field '{name}' is missing or is not {expected}.");
}
