using System.Text;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Persistence;

/// <summary>
/// Saves and loads <see cref="ModelContents"/> in the versioned, checksummed binary model format.
/// All numbers are little-endian (big-endian hosts are not supported); strings are an int32 byte count followed by UTF-8:
/// <code>
/// magic        8 bytes   "MLRNNMDL"
/// version      uint32    format version (currently 1)
/// kind         string
/// architecture string    JSON object
/// metadata     int32 count, then count × (key string, value string)
/// tensors      int32 count, then count × (name string, int32 rank, rank × int32 dims, product(dims) × float32, row-major)
/// checksum     uint32    CRC-32C of every byte before it
/// </code>
/// Loading checks every size against the bytes that remain before allocating and throws <see cref="ModelFormatException"/>
/// on anything wrong.
/// </summary>
public static class ModelFile
{
    /// <summary>The format version this library writes, and the newest it reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>Largest tensor rank accepted.</summary>
    internal const int MaxRank = 32;

    /// <summary>Floats moved per bulk read or write: 64 MiB, keeping byte spans far below <see cref="int.MaxValue"/>.</summary>
    internal const int FloatsPerChunk = 1 << 24;

    /// <summary>UTF-8 without byte order mark that throws on invalid bytes and unpaired surrogates.</summary>
    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The 8 bytes every model file starts with.</summary>
    internal static ReadOnlySpan<byte> Magic => "MLRNNMDL"u8;

    /// <summary>
    /// Saves atomically (see <see cref="ModelPath.WriteAtomically"/>): writes a temporary file in the same directory, flushes
    /// it to disk, then renames it over <paramref name="path"/>. On failure the temporary file is deleted and an existing
    /// file at <paramref name="path"/> is untouched; file-system errors name <paramref name="path"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A tensor holds NaN or infinity.</exception>
    /// <exception cref="IOException">The path is a directory, its directory does not exist, or writing fails.</exception>
    public static void Save(string path, ModelContents contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ModelPath.WriteAtomically(path, stream => Save(stream, contents));
    }

    /// <summary>
    /// Writes <paramref name="contents"/> at the current position of <paramref name="stream"/>, which is left open.
    /// If writing fails part way the stream holds a partial model; use <see cref="Save(string, ModelContents)"/> for atomic files.
    /// </summary>
    /// <exception cref="ArgumentException">A tensor holds NaN or infinity.</exception>
    public static void Save(Stream stream, ModelContents contents)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(contents);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(stream));
        }

        RequireLittleEndian();
        var writer = new ModelFileWriter(stream);
        writer.WriteBytes(Magic);
        writer.WriteUInt32(CurrentFormatVersion);
        writer.WriteString(contents.Kind);
        writer.WriteString(contents.Architecture);
        writer.WriteInt32(contents.Metadata.Count);
        foreach (var (key, value) in contents.Metadata)
        {
            writer.WriteString(key);
            writer.WriteString(value);
        }

        writer.WriteInt32(contents.Tensors.Count);
        foreach (var (name, tensor) in contents.Tensors)
        {
            if (tensor.Rank > MaxRank)
            {
                throw new ArgumentException($"Tensor '{name}' has rank {tensor.Rank}; model files hold ranks up to {MaxRank}.", nameof(contents));
            }

            var values = tensor.Span;
            if (FindNonFinite(values) is int index)
            {
                throw new ArgumentException(
                    $"Tensor '{name}' holds the non-finite value {values[index]} at flat index {index}; only finite weights can be saved.", nameof(contents));
            }

            writer.WriteString(name);
            writer.WriteInt32(tensor.Rank);
            foreach (int dim in tensor.Shape)
            {
                writer.WriteInt32(dim);
            }

            writer.WriteFloats(values);
        }

        writer.WriteChecksum();
    }

    /// <summary>Loads a model file; the whole file must be one model.</summary>
    /// <exception cref="ModelFormatException">The file is not a model file, is newer than this library, truncated, corrupt or invalid.</exception>
    /// <exception cref="IOException">The path is a directory or the file cannot be read (<see cref="FileNotFoundException"/> when it does not exist).</exception>
    public static ModelContents Load(string path)
    {
        using var stream = ModelPath.OpenRead(path);
        return Read(stream, wholeStream: true);
    }

    /// <summary>
    /// Loads one model from the current position of <paramref name="stream"/> (which need not be seekable) and leaves
    /// the stream just after it, open.
    /// </summary>
    /// <exception cref="ModelFormatException">The data is not a model, is newer than this library, truncated, corrupt or invalid.</exception>
    public static ModelContents Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream is not readable.", nameof(stream));
        }

        return Read(stream, wholeStream: false);
    }

    private static ModelContents Read(Stream stream, bool wholeStream)
    {
        RequireLittleEndian();
        var reader = new ModelFileReader(stream, stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : null);
        int version = ReadHeader(reader);
        string kind = reader.ReadString("kind");
        if (kind.Length == 0)
        {
            reader.NoteContentError("The model file is invalid: its kind is empty.");
        }

        string architecture = reader.ReadString("architecture");
        var metadata = ReadMetadata(reader);
        var tensors = ReadTensors(reader);

        uint computed = reader.Checksum;
        long checksumOffset = reader.Position;
        uint stored = reader.ReadUInt32("checksum");
        if (stored != computed)
        {
            throw new ModelFormatException(
                $"The model file is corrupt: its checksum at offset {checksumOffset} is 0x{stored:X8}, but the bytes before it have CRC-32C 0x{computed:X8}. " +
                "It was damaged in storage or transfer.");
        }

        if (wholeStream && reader.Remaining > 0)
        {
            throw new ModelFormatException(
                $"The model file is corrupt: {reader.Remaining} unexpected bytes follow the checksum, which ends at offset {reader.Position}.");
        }

        if (reader.ContentError is { } contentError)
        {
            throw new ModelFormatException(contentError);
        }

        if (ModelContents.ArchitectureError(architecture) is { } architectureError)
        {
            throw new ModelFormatException($"The model file is invalid: {architectureError}");
        }

        foreach (var (name, tensor) in tensors)
        {
            var values = tensor.Span;
            if (FindNonFinite(values) is int index)
            {
                throw new ModelFormatException(
                    $"The model file is invalid: tensor '{name}' holds the non-finite value {values[index]} at flat index {index}; weights must be finite.");
            }
        }

        return new ModelContents(version, kind, architecture, metadata, tensors);
    }

    private static int ReadHeader(ModelFileReader reader)
    {
        Span<byte> magic = stackalloc byte[Magic.Length];
        int read = reader.ReadAtMost(magic);
        if (!magic[..read].SequenceEqual(Magic[..read]))
        {
            throw new ModelFormatException(
                $"This is not a Microsoft.ML.Recurrent model file: it starts with the bytes {string.Join(' ', magic[..read].ToArray().Select(b => b.ToString("X2")))} " +
                $"(\"{Printable(magic[..read])}\") instead of the signature \"{Encoding.ASCII.GetString(Magic)}\".");
        }

        if (read < Magic.Length)
        {
            throw new ModelFormatException(read == 0
                ? "The model file is empty: it was truncated to 0 bytes."
                : $"The model file is truncated: it ends after {read} bytes, inside the {Magic.Length}-byte signature.");
        }

        long offset = reader.Position;
        uint version = reader.ReadUInt32("format version");
        if (version == 0)
        {
            throw new ModelFormatException($"The model file is corrupt: the format version at offset {offset} is 0; versions start at 1.");
        }

        if (version > CurrentFormatVersion)
        {
            throw new ModelFormatException(
                $"This model file has format version {version}, but this version of Microsoft.ML.Recurrent.Engine reads format versions " +
                $"up to {CurrentFormatVersion}. Upgrade the Microsoft.ML.Recurrent.Engine package to load it.");
        }

        return (int)version;
    }

    private static OrderedDictionary<string, string> ReadMetadata(ModelFileReader reader)
    {
        var metadata = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        int count = reader.ReadCount("metadata count", minBytesPerItem: 2 * sizeof(int));
        for (int i = 1; i <= count; i++)
        {
            long offset = reader.Position;
            string key = reader.ReadString($"key of metadata entry #{i}");
            string value = reader.ReadString($"value of metadata entry '{key}'");
            if (key.Length == 0)
            {
                reader.NoteContentError($"The model file is invalid: metadata entry #{i} at offset {offset} has an empty key.");
            }
            else if (!metadata.TryAdd(key, value))
            {
                reader.NoteContentError($"The model file is invalid: metadata key '{key}' appears twice (again at offset {offset}).");
            }
        }

        return metadata;
    }

    private static OrderedDictionary<string, Tensor> ReadTensors(ModelFileReader reader)
    {
        var tensors = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        int count = reader.ReadCount("tensor count", minBytesPerItem: 2 * sizeof(int));
        for (int i = 1; i <= count; i++)
        {
            long offset = reader.Position;
            string name = reader.ReadString($"name of tensor #{i}");
            string label = $"tensor '{name}' (#{i} of {count})";
            long rankOffset = reader.Position;
            int rank = reader.ReadInt32($"rank of {label}");
            if (rank < 0 || rank > MaxRank)
            {
                throw new ModelFormatException(
                    $"The model file is corrupt: the rank of {label} at offset {rankOffset} is {rank}; ranks must be between 0 and {MaxRank}.");
            }

            reader.RequireDeclared(sizeof(int) * (long)rank, $"dimensions of {label}", rankOffset);
            var dims = new int[rank];
            long elements = 1;
            for (int d = 0; d < rank; d++)
            {
                long dimOffset = reader.Position;
                dims[d] = reader.ReadInt32($"dimension {d} of {label}");
                if (dims[d] < 0)
                {
                    throw new ModelFormatException(
                        $"The model file is corrupt: dimension {d} of {label} at offset {dimOffset} is negative ({dims[d]}).");
                }

                elements = Math.Min(elements * dims[d], Array.MaxLength + 1L);
            }

            if (elements > Array.MaxLength)
            {
                throw new ModelFormatException(
                    $"The model file is corrupt: {label} has shape {Tensor.FormatShape(dims)}, more than the {Array.MaxLength} elements a tensor can hold.");
            }

            string dataLabel = $"data of {label} with shape {Tensor.FormatShape(dims)}";
            reader.RequireDeclared(sizeof(float) * elements, dataLabel, rankOffset);
            Tensor tensor;
            if (reader.Remaining is not null)
            {
                tensor = new Tensor(dims);
                reader.ReadFloats(tensor.Span, dataLabel);
            }
            else
            {
                tensor = Tensor.FromArray(reader.ReadArray<float>((int)elements, dataLabel), dims);
            }

            if (name.Length == 0)
            {
                reader.NoteContentError($"The model file is invalid: tensor #{i} at offset {offset} has an empty name.");
            }
            else if (!tensors.TryAdd(name, tensor))
            {
                reader.NoteContentError($"The model file is invalid: the tensor name '{name}' appears twice (again at offset {offset}).");
            }
        }

        return tensors;
    }

    /// <summary>Index of the first NaN or infinity, or null when all values are finite.</summary>
    private static int? FindNonFinite(ReadOnlySpan<float> values)
    {
        if (TensorPrimitives.IsFiniteAll(values))
        {
            return null;
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return null;
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (byte b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }

        return text.ToString();
    }

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Model files hold little-endian data, which this big-endian host cannot read or write.");
        }
    }
}
