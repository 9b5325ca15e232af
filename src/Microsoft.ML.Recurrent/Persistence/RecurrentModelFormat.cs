using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;

namespace Microsoft.ML.Recurrent.Persistence;

/// <summary>
/// The one-file format of a fitted pipeline that contains recurrent transformers: a zip holding a manifest (format
/// version and the list of parts in pipeline order), the input schema, each run of ML.NET transformers saved by
/// ML.NET's own <c>Model.Save</c>, and each recurrent transformer saved in the engine's versioned model format.
/// </summary>
internal static class RecurrentModelFormat
{
    public const int CurrentVersion = 1;
    private const string FormatName = "Microsoft.ML.Recurrent model";
    private const string ManifestEntry = "manifest.json";
    private const string SchemaEntry = "input-schema.zip";

    /// <summary>Writes <paramref name="model"/> with its <paramref name="inputSchema"/> to <paramref name="stream"/>.</summary>
    public static void Save(ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        var parts = new JsonArray();
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        WriteEntry(zip, SchemaEntry, entry => catalog.Save(new TransformerChain<ITransformer>(), inputSchema, entry));
        var schema = inputSchema;
        var pending = new List<ITransformer>();
        var pendingSchema = schema;
        void FlushMlNet()
        {
            if (pending.Count == 0)
            {
                return;
            }

            string entryName = $"parts/{parts.Count}.mlnet.zip";
            var chain = new TransformerChain<ITransformer>(pending.ToArray());
            WriteEntry(zip, entryName, entry => catalog.Save(chain, pendingSchema, entry));
            parts.Add(new JsonObject { ["type"] = "mlnet", ["entry"] = entryName });
            pending.Clear();
        }

        foreach (var transformer in Flatten(model))
        {
            if (transformer is RecurrentTransformerBase recurrent)
            {
                FlushMlNet();
                string entryName = $"parts/{parts.Count}.mlrnn";
                WriteEntry(zip, entryName, recurrent.SaveModel);
                parts.Add(new JsonObject { ["type"] = "recurrent", ["kind"] = recurrent.ModelKind, ["entry"] = entryName });
            }
            else
            {
                if (pending.Count == 0)
                {
                    pendingSchema = schema;
                }

                pending.Add(transformer);
            }

            schema = transformer.GetOutputSchema(schema);
        }

        FlushMlNet();
        var manifest = new JsonObject
        {
            ["format"] = FormatName,
            ["version"] = CurrentVersion,
            ["library"] = typeof(RecurrentModelFormat).Assembly.GetName().Version?.ToString(),
            ["parts"] = parts,
        };
        WriteEntry(zip, ManifestEntry, entry => JsonSerializer.Serialize(entry, manifest, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="ModelFormatException">The data is not such a model, or a part of it is missing, truncated, corrupt or inconsistent.</exception>
    public static ITransformer Load(ModelOperationsCatalog catalog, Stream stream, out DataViewSchema inputSchema)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new ModelFormatException("The file is not a Microsoft.ML.Recurrent model: it is not a valid zip archive (truncated or corrupted?).", ex);
        }

        using (zip)
        {
            var manifest = ReadManifest(zip);
            inputSchema = ReadEntry(zip, SchemaEntry, entry =>
            {
                catalog.Load(entry, out var schema);
                return schema;
            });
            var transformers = new List<ITransformer>();
            foreach (var part in manifest.Sections("parts"))
            {
                string type = part.String("type");
                string entryName = part.String("entry");
                transformers.Add(type switch
                {
                    "mlnet" => ReadEntry(zip, entryName, entry => catalog.Load(entry, out _)),
                    "recurrent" => ReadEntry(zip, entryName, entry => RecurrentModelRegistry.Load(part.String("kind"), entry)),
                    _ => throw part.Error("type", $"is \"{type}\", but \"mlnet\" or \"recurrent\" was expected"),
                });
            }

            return new TransformerChain<ITransformer>(transformers.ToArray());
        }
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [model];

    private static ArchitectureSection ReadManifest(ZipArchive zip)
    {
        var json = zip.GetEntry(ManifestEntry) is null ? null : ReadEntry(zip, ManifestEntry, entry => JsonNode.Parse(entry) as JsonObject);
        var manifest = json is null ? null : new ArchitectureSection(json, "Microsoft.ML.Recurrent model manifest");
        if (manifest?.OptionalString("format") != FormatName)
        {
            throw new ModelFormatException(
                $"The file is not a Microsoft.ML.Recurrent model: it has no '{FormatName}' manifest. Models saved with mlContext.Model.Save load with mlContext.Model.Load.");
        }

        int version = manifest.Int32("version", 1);
        if (version > CurrentVersion)
        {
            throw new ModelFormatException($"The model was saved in format version {version}, but this version of Microsoft.ML.Recurrent reads versions up to {CurrentVersion}. Upgrade Microsoft.ML.Recurrent to load it.");
        }

        return manifest;
    }

    private static void WriteEntry(ZipArchive zip, string name, Action<Stream> write)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        write(entry);
    }

    /// <summary>Reads entry <paramref name="name"/> with <paramref name="read"/>; any failure becomes a <see cref="ModelFormatException"/> naming the entry.</summary>
    private static T ReadEntry<T>(ZipArchive zip, string name, Func<Stream, T> read)
    {
        var entry = zip.GetEntry(name) ?? throw Corrupt($"the entry '{name}' is missing");
        try
        {
            using var source = entry.Open();

            // Nested loaders may need to seek (ML.NET opens models as zip archives), so read the entry into memory.
            using var buffer = new MemoryStream();
            source.CopyTo(buffer);
            buffer.Position = 0;
            return read(buffer);
        }
        catch (ModelFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or JsonException or FormatException or InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            throw Corrupt($"the entry '{name}' cannot be read: {e.Message}", e);
        }
    }

    private static ModelFormatException Corrupt(string what, Exception? inner = null) =>
        inner is null ? new($"The Microsoft.ML.Recurrent model is corrupted: {what}.") : new($"The Microsoft.ML.Recurrent model is corrupted: {what}.", inner);
}
