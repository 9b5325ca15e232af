using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Persistence;

/// <summary>
/// Everything a model file holds: what kind of model it is, its architecture as a JSON object, free-form
/// metadata and named tensors in order. Task models describe themselves with it; layers know nothing about files.
/// Module parameters go in with <see cref="FromModule"/> or <see cref="AddModule"/> and come back with
/// <see cref="LoadInto"/>; other tensors (scaling statistics, vocabulary embeddings) with <see cref="AddTensor"/>
/// and <see cref="GetTensor(string)"/>. Keep those outside the module's name prefix: <see cref="LoadInto"/> rejects
/// tensors under the prefix that the module does not have.
/// </summary>
public sealed class ModelContents
{
    private readonly OrderedDictionary<string, string> metadata;
    private readonly OrderedDictionary<string, Tensor> tensors;

    /// <summary>Creates contents with no tensors yet.</summary>
    /// <param name="kind">What model this is, for example <c>"Forecaster"</c>; chosen by the caller.</param>
    /// <param name="architecture">Hyperparameters needed to rebuild the model.</param>
    /// <param name="metadata">Optional key/values such as library version, creation time or training figures.</param>
    public ModelContents(string kind, JsonObject architecture, IEnumerable<KeyValuePair<string, string>>? metadata = null)
        : this(kind, (architecture ?? throw new ArgumentNullException(nameof(architecture))).ToJsonString(), metadata)
    {
    }

    /// <summary>Creates contents with no tensors yet, from architecture JSON text (a JSON object, kept verbatim).</summary>
    /// <param name="kind">What model this is, for example <c>"Forecaster"</c>; chosen by the caller.</param>
    /// <param name="architecture">JSON object text with the hyperparameters needed to rebuild the model.</param>
    /// <param name="metadata">Optional key/values such as library version, creation time or training figures.</param>
    public ModelContents(string kind, string architecture, IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        RequireText(kind, nameof(kind));
        RequireText(architecture, nameof(architecture));
        if (ArchitectureError(architecture) is { } error)
        {
            throw new ArgumentException($"Invalid model architecture: {error}", nameof(architecture));
        }

        Kind = kind;
        Architecture = architecture;
        FormatVersion = ModelFile.CurrentFormatVersion;
        this.metadata = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        tensors = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata ?? [])
        {
            SetMetadata(key, value);
        }
    }

    /// <summary>Contents read from a file; the reader has validated every part.</summary>
    internal ModelContents(
        int formatVersion, string kind, string architecture, OrderedDictionary<string, string> metadata, OrderedDictionary<string, Tensor> tensors)
    {
        FormatVersion = formatVersion;
        Kind = kind;
        Architecture = architecture;
        this.metadata = metadata;
        this.tensors = tensors;
    }

    /// <summary>Format version of the file these contents were loaded from, or the current version for new contents.</summary>
    public int FormatVersion { get; }

    /// <summary>What model this is, as chosen by the caller that saved it.</summary>
    public string Kind { get; }

    /// <summary>The architecture as JSON object text; <see cref="GetArchitecture"/> parses it.</summary>
    public string Architecture { get; }

    /// <summary>Free-form key/values, in insertion order.</summary>
    public IReadOnlyDictionary<string, string> Metadata => metadata;

    /// <summary>Named tensors, in the order they were added (and written).</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors => tensors;

    /// <summary>
    /// Creates contents holding the parameters of <paramref name="module"/> under their qualified names
    /// (<see cref="Module.NamedParameters"/>), each prefixed with <paramref name="prefix"/> verbatim (for example <c>"model."</c>).
    /// The tensors are referenced, not copied: save before changing the weights.
    /// </summary>
    public static ModelContents FromModule(
        string kind, JsonObject architecture, Module module, IEnumerable<KeyValuePair<string, string>>? metadata = null, string prefix = "")
    {
        var contents = new ModelContents(kind, architecture, metadata);
        contents.AddModule(module, prefix);
        return contents;
    }

    /// <summary>Parses <see cref="Architecture"/> into a new, independent JSON object.</summary>
    public JsonObject GetArchitecture() => JsonNode.Parse(Architecture)!.AsObject();

    /// <summary>Adds or replaces a metadata entry.</summary>
    public void SetMetadata(string key, string value)
    {
        RequireText(key, nameof(key));
        RequireText(value, nameof(value), allowEmpty: true);
        metadata[key] = value;
    }

    /// <summary>Adds the parameters of <paramref name="module"/>, named <paramref name="prefix"/> + qualified name; see <see cref="FromModule"/>.</summary>
    public void AddModule(Module module, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(prefix);
        foreach (var (name, parameter) in module.NamedParameters)
        {
            AddTensor(prefix + name, parameter.Value);
        }
    }

    /// <summary>Adds a named tensor (referenced, not copied), such as scaling statistics or a vocabulary embedding.</summary>
    public void AddTensor(string name, Tensor tensor)
    {
        RequireText(name, nameof(name));
        ArgumentNullException.ThrowIfNull(tensor);
        if (!tensors.TryAdd(name, tensor))
        {
            throw new ArgumentException($"A tensor named '{name}' was already added; tensor names must be unique.", nameof(name));
        }
    }

    /// <summary>Returns the tensor called <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> listing the names present when absent.</summary>
    public Tensor GetTensor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (tensors.TryGetValue(name, out var tensor))
        {
            return tensor;
        }

        throw new KeyNotFoundException(
            $"The {Kind} model has no tensor '{name}'. It has: {(tensors.Count == 0 ? "none" : string.Join(", ", tensors.Keys))}.");
    }

    /// <summary>
    /// Returns the tensor called <paramref name="name"/> when it has the <paramref name="shape"/> a loader expects
    /// (-1 matches any size of a dimension). A missing tensor or another shape throws <see cref="ModelFormatException"/>
    /// naming it, so a file whose tensors disagree with its architecture is refused at load.
    /// </summary>
    public Tensor GetTensor(string name, params ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!tensors.TryGetValue(name, out var tensor))
        {
            throw new ModelFormatException(
                $"The {Kind} model file is invalid: it has no tensor '{name}'. It has: {(tensors.Count == 0 ? "none" : string.Join(", ", tensors.Keys))}.");
        }

        bool matches = tensor.Rank == shape.Length;
        for (int d = 0; matches && d < shape.Length; d++)
        {
            matches = shape[d] == -1 || shape[d] == tensor.Dim(d);
        }

        return matches
            ? tensor
            : throw new ModelFormatException(
                $"The {Kind} model file is invalid: its tensor '{name}' has shape {Tensor.FormatShape(tensor.Shape)}, but its architecture needs " +
                $"{Tensor.FormatShape(shape).Replace("-1", "*", StringComparison.Ordinal)}.");
    }

    /// <summary>
    /// Copies the tensors named <paramref name="prefix"/> + qualified parameter name into the parameters of
    /// <paramref name="module"/>. Nothing is copied unless everything matches: a parameter missing here, a shape
    /// difference, or a tensor under the prefix that the module lacks throws <see cref="ModelFormatException"/> naming them all.
    /// </summary>
    public void LoadInto(Module module, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(prefix);
        var problems = new List<string>();
        var missing = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var copies = new List<(Tensor Source, Parameter Target)>();
        foreach (var (qualifiedName, parameter) in module.NamedParameters)
        {
            string name = prefix + qualifiedName;
            if (!used.Add(name))
            {
                problems.Add($"the module has more than one parameter named '{name}'");
            }
            else if (!tensors.TryGetValue(name, out var tensor))
            {
                missing.Add(name);
            }
            else if (!tensor.HasShape(parameter.Value.Shape))
            {
                problems.Add(
                    $"'{name}' has shape {Tensor.FormatShape(tensor.Shape)} in the {Kind} model, but the module expects {Tensor.FormatShape(parameter.Value.Shape)}");
            }
            else
            {
                copies.Add((tensor, parameter));
            }
        }

        if (missing.Count > 0)
        {
            problems.Insert(0, $"missing from the {Kind} model: {string.Join(", ", missing)}");
        }

        var unused = tensors.Keys.Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && !used.Contains(n)).ToList();
        if (unused.Count > 0)
        {
            problems.Add(
                $"the {Kind} model has tensors the module does not: {string.Join(", ", unused)} " +
                (prefix.Length == 0
                    ? "(to keep extra tensors, store the module's parameters under a prefix such as \"model.\")"
                    : $"(extra tensors must be named outside the prefix '{prefix}')"));
        }

        if (problems.Count > 0)
        {
            string where = prefix.Length == 0 ? string.Empty : $" under the prefix '{prefix}'";
            throw new ModelFormatException(
                $"The tensors{where} do not match the parameters of module '{module.Name}':{Environment.NewLine} - " +
                string.Join(Environment.NewLine + " - ", problems));
        }

        foreach (var (source, target) in copies)
        {
            source.Span.CopyTo(target.Value.Span);
        }
    }

    /// <summary>Why <paramref name="json"/> is not a usable architecture (a JSON object without duplicate keys), or null when it is.</summary>
    internal static string? ArchitectureError(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? null
                : $"the architecture must be a JSON object, not a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.";
        }
        catch (JsonException e)
        {
            return $"the architecture is not valid JSON: {e.Message}";
        }
    }

    private static void RequireText(string value, string parameterName, bool allowEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        if (!allowEmpty)
        {
            ArgumentException.ThrowIfNullOrEmpty(value, parameterName);
        }

        try
        {
            ModelFile.StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"Parameter '{parameterName}' contains an unpaired surrogate and cannot be stored as UTF-8.", parameterName, e);
        }
    }
}
