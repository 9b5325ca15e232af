using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Tests.Shared;

/// <summary>
/// Damages saved model files the way a hand edit, another tool or a half-finished copy would, keeping a valid checksum so
/// that the model's own load checks are what must catch it. Linked into the test projects of every model type.
/// </summary>
public static class ModelFileSurgery
{
    /// <summary>A damage to apply: a name for the test case, the edit, and a fragment the load error must contain.</summary>
    public sealed record Damage(string Name, Action<JsonObject, OrderedDictionary<string, Tensor>> Edit, string Expected)
    {
        public override string ToString() => Name;
    }

    /// <summary>The file <paramref name="save"/> writes, with its architecture JSON and tensors changed by <paramref name="edit"/>.</summary>
    public static MemoryStream Edit(Action<Stream> save, Action<JsonObject, OrderedDictionary<string, Tensor>> edit)
    {
        var contents = Saved(save);
        var architecture = contents.GetArchitecture();
        var tensors = new OrderedDictionary<string, Tensor>(contents.Tensors);
        edit(architecture, tensors);
        var edited = new ModelContents(contents.Kind, architecture, contents.Metadata);
        foreach (var (name, tensor) in tensors)
        {
            edited.AddTensor(name, tensor);
        }

        var file = new MemoryStream();
        ModelFile.Save(file, edited);
        file.Position = 0;
        return file;
    }

    /// <summary>The first <paramref name="fraction"/> of the file <paramref name="save"/> writes.</summary>
    public static MemoryStream Truncated(Action<Stream> save, double fraction = 0.5)
    {
        using var whole = new MemoryStream();
        save(whole);
        return new MemoryStream(whole.ToArray()[..(int)(whole.Length * fraction)]);
    }

    /// <summary>Sets the value at dotted <paramref name="path"/> (for example "options.hiddenSize"; "series[0].id" indexes arrays).</summary>
    public static void Set(JsonObject root, string path, JsonNode? value)
    {
        var (parent, key) = Parent(root, path);
        if (parent is JsonArray array)
        {
            array[int.Parse(key)] = value;
        }
        else
        {
            parent.AsObject()[key] = value;
        }
    }

    /// <summary>Removes the key at dotted <paramref name="path"/>.</summary>
    public static void Remove(JsonObject root, string path)
    {
        var (parent, key) = Parent(root, path);
        parent.AsObject().Remove(key);
    }

    /// <summary>The node at dotted <paramref name="path"/>.</summary>
    public static JsonNode Get(JsonObject root, string path)
    {
        var (parent, key) = Parent(root, path);
        return (parent is JsonArray array ? array[int.Parse(key)] : parent.AsObject()[key])!;
    }

    private static ModelContents Saved(Action<Stream> save)
    {
        using var file = new MemoryStream();
        save(file);
        file.Position = 0;
        return ModelFile.Load(file);
    }

    private static (JsonNode Parent, string Key) Parent(JsonObject root, string path)
    {
        var parts = path.Replace("[", ".", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Split('.');
        JsonNode node = root;
        foreach (string part in parts[..^1])
        {
            node = (node is JsonArray array ? array[int.Parse(part)] : node.AsObject()[part])!;
        }

        return (node, parts[^1]);
    }
}
