using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Microsoft.ML.Recurrent.Engine.Persistence;

/// <summary>
/// One JSON object of a saved model's description (its architecture, or a section nested in it), read through typed
/// accessors that check as they read. Every problem, a missing key, a value of the wrong type or out of range, or
/// sections that disagree, throws a <see cref="ModelFormatException"/> naming the file, the key path (for example
/// <c>options.hiddenSize</c>) and what was expected, so a damaged or hand-edited file is refused at load rather than
/// misbehaving at its first prediction.
/// </summary>
public sealed class ArchitectureSection
{
    private readonly JsonObject json;
    private readonly string path;

    /// <summary>Reads <paramref name="json"/>, the root of a description.</summary>
    /// <param name="json">The JSON object.</param>
    /// <param name="owner">What the JSON describes, for messages ("The {owner} is invalid: ..."), for example "Forecaster model file".</param>
    public ArchitectureSection(JsonObject json, string owner)
        : this(json, owner, string.Empty)
    {
    }

    private ArchitectureSection(JsonObject json, string owner, string path)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        this.json = json;
        this.path = path;
        Owner = owner;
    }

    /// <summary>What the description belongs to, as named in messages.</summary>
    public string Owner { get; }

    /// <summary>Whether <paramref name="key"/> is present with a value other than null.</summary>
    public bool Has(string key) => json[key] is not null;

    /// <summary>Reads an integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Int32(string key, int min = int.MinValue, int max = int.MaxValue) =>
        OptionalInt32(key, min, max) ?? throw Missing(key, Expected(min, max));

    /// <summary>Reads an integer in [<paramref name="min"/>, <paramref name="max"/>], or null when the key is absent or null.</summary>
    public int? OptionalInt32(string key, int min = int.MinValue, int max = int.MaxValue)
    {
        if (json[key] is not { } node)
        {
            return null;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue(out int number))
        {
            throw Mistyped(key, node, Expected(min, max));
        }

        return number >= min && number <= max ? number : throw Error(key, $"is {number}, but {Expected(min, max)} was expected");
    }

    /// <summary>Reads a finite number that fits a <see cref="float"/>.</summary>
    public float Single(string key) => OptionalSingle(key) ?? throw Missing(key, "a finite number");

    /// <summary>Reads a finite number that fits a <see cref="float"/>, or null when the key is absent or null.</summary>
    public float? OptionalSingle(string key) =>
        OptionalDouble(key) is { } number
            ? Math.Abs(number) <= float.MaxValue ? (float)number : throw Error(key, $"is {number}, but a number within float range was expected")
            : null;

    /// <summary>Reads a finite number, or null when the key is absent or null.</summary>
    public double? OptionalDouble(string key)
    {
        if (json[key] is not { } node)
        {
            return null;
        }

        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out double number) && double.IsFinite(number)
            ? number
            : throw Mistyped(key, node, "a finite number");
    }

    /// <summary>Reads true or false.</summary>
    public bool Boolean(string key)
    {
        var node = json[key];
        return node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? value.GetValue<bool>()
            : throw (node is null ? Missing(key, "true or false") : Mistyped(key, node, "true or false"));
    }

    /// <summary>Reads a string.</summary>
    public string String(string key) => OptionalString(key) ?? throw Missing(key, "a string");

    /// <summary>Reads a string, or null when the key is absent or null.</summary>
    public string? OptionalString(string key)
    {
        var node = json[key];
        return node is null ? null : AsString(node) ?? throw Mistyped(key, node, "a string");
    }

    /// <summary>Reads a value of <typeparamref name="TEnum"/> written by name (numbers and undefined names are refused).</summary>
    public TEnum Enum<TEnum>(string key)
        where TEnum : struct, Enum
    {
        string name = String(key);
        return System.Enum.GetNames<TEnum>().Contains(name, StringComparer.Ordinal)
            ? System.Enum.Parse<TEnum>(name)
            : throw Error(key, $"is \"{name}\", but one of {string.Join(", ", System.Enum.GetNames<TEnum>())} was expected");
    }

    /// <summary>
    /// Reads a string and converts it with <paramref name="parse"/>; a <see cref="FormatException"/>,
    /// <see cref="OverflowException"/> or <see cref="ArgumentException"/> from it names the key and <paramref name="expected"/>.
    /// </summary>
    public T Parse<T>(string key, string expected, Func<string, T> parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string text = String(key);
        try
        {
            return parse(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw Error(key, $"is \"{text}\", but {expected} was expected", e);
        }
    }

    /// <summary>Reads a nested object.</summary>
    public ArchitectureSection Section(string key) =>
        json[key] switch
        {
            JsonObject nested => new ArchitectureSection(nested, Owner, Qualified(key)),
            null => throw Missing(key, "an object"),
            var other => throw Mistyped(key, other, "an object"),
        };

    /// <summary>Reads an array of objects.</summary>
    public IReadOnlyList<ArchitectureSection> Sections(string key)
    {
        var array = Array(key, "an array of objects");
        var sections = new ArchitectureSection[array.Count];
        for (int i = 0; i < sections.Length; i++)
        {
            sections[i] = array[i] is JsonObject item
                ? new ArchitectureSection(item, Owner, $"{Qualified(key)}[{i}]")
                : throw Mistyped($"{key}[{i}]", array[i], "an object");
        }

        return sections;
    }

    /// <summary>Reads an array of finite numbers.</summary>
    public float[] Singles(string key)
    {
        var array = Array(key, "an array of numbers");
        var values = new float[array.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = array[i] is JsonValue item && item.GetValueKind() == JsonValueKind.Number && item.TryGetValue(out double number)
                && double.IsFinite(number) && Math.Abs(number) <= float.MaxValue
                ? (float)number
                : throw Mistyped($"{key}[{i}]", array[i], "a finite number");
        }

        return values;
    }

    /// <summary>Reads an array of strings.</summary>
    public string[] Strings(string key)
    {
        var array = Array(key, "an array of strings");
        var values = new string[array.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = AsString(array[i]) ?? throw Mistyped($"{key}[{i}]", array[i], "a string");
        }

        return values;
    }

    /// <summary>
    /// Reads a nested object with a reader of its own (a vocabulary, a tokenizer); its <see cref="FormatException"/>,
    /// <see cref="ArgumentException"/> or <see cref="InvalidOperationException"/> becomes an error naming the key.
    /// </summary>
    public T Read<T>(string key, Func<JsonObject, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var nested = json[key] switch
        {
            JsonObject value => value,
            null => throw Missing(key, "an object"),
            var other => throw Mistyped(key, other, "an object"),
        };

        try
        {
            return read(nested);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw Error(key, $"cannot be read: {e.Message}", e);
        }
    }

    /// <summary>
    /// Runs <paramref name="validate"/> (an options class's checks) on settings read from this section; an
    /// <see cref="ArgumentException"/> naming a setting becomes an error naming its key (the setting's name in camel case).
    /// </summary>
    public void Validate(Action validate)
    {
        ArgumentNullException.ThrowIfNull(validate);
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            string key = string.IsNullOrEmpty(e.ParamName) ? "(settings)" : char.ToLowerInvariant(e.ParamName[0]) + e.ParamName[1..];
            throw Error(key, $"is invalid: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    /// <summary>Throws an error naming <paramref name="key"/> unless <paramref name="condition"/> holds.</summary>
    /// <param name="condition">What a consistent file satisfies.</param>
    /// <param name="key">The key the problem is reported at.</param>
    /// <param name="problem">What is wrong, completing "'key' ...", for example "is 12, but the weights read windows of 24".</param>
    public void Require(bool condition, string key, string problem)
    {
        if (!condition)
        {
            throw Error(key, problem);
        }
    }

    /// <summary>An error saying that <paramref name="key"/> <paramref name="problem"/>.</summary>
    public ModelFormatException Error(string key, string problem, Exception? innerException = null)
    {
        string message = $"The {Owner} is invalid: '{Qualified(key)}' {problem}.";
        return innerException is null ? new ModelFormatException(message) : new ModelFormatException(message, innerException);
    }

    private JsonArray Array(string key, string expected) =>
        json[key] switch
        {
            JsonArray array => array,
            null => throw Missing(key, expected),
            var other => throw Mistyped(key, other, expected),
        };

    private string Qualified(string key) => path.Length == 0 ? key : $"{path}.{key}";

    private ModelFormatException Missing(string key, string expected) =>
        new($"The {Owner} is invalid: it has no '{Qualified(key)}' ({expected} was expected).");

    private ModelFormatException Mistyped(string key, JsonNode? node, string expected) =>
        Error(key, $"is {Describe(node)}, but {expected} was expected");

    private static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => $"the string {value.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {value.ToJsonString()}",
            _ => $"the number {value.ToJsonString()}",
        },
        _ => node.ToJsonString(),
    };

    private static string Expected(int min, int max) => (min, max) switch
    {
        (int.MinValue, int.MaxValue) => "an integer",
        (_, int.MaxValue) => string.Create(CultureInfo.InvariantCulture, $"an integer of at least {min}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"an integer from {min} to {max}"),
    };
}
