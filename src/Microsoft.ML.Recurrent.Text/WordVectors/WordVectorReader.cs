using System.Globalization;

namespace Microsoft.ML.Recurrent.Text.WordVectors;

/// <summary>Parses the word2vec/GloVe text format line by line; see <see cref="WordVectorTable.Load(TextReader, string, bool, Func{string, bool}?)"/> for the rules.</summary>
internal sealed class WordVectorReader
{
    private readonly string source;
    private readonly bool skipMalformed;
    private readonly Func<string, bool>? keep;
    private readonly List<Range> fields = new();
    private readonly Dictionary<string, int> rows = new(StringComparer.Ordinal);
    private readonly List<string> skipped = new();
    private float[] values = Array.Empty<float>();
    private int dimension = -1;

    private WordVectorReader(string source, bool skipMalformed, Func<string, bool>? keep)
    {
        this.source = source;
        this.skipMalformed = skipMalformed;
        this.keep = keep;
    }

    public static WordVectorTable Read(TextReader reader, string source, bool skipMalformed, Func<string, bool>? keep)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var parser = new WordVectorReader(source, skipMalformed, keep);
        long? declared = null;
        long vectorLines = 0;
        int number = 0;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            parser.SplitFields(line);
            if (parser.fields.Count == 0)
            {
                continue;
            }

            if (number == 1 && parser.TryReadHeader(line, out long count, out int dim))
            {
                (declared, parser.dimension) = (count, dim);
                continue;
            }

            vectorLines++;
            parser.ReadVector(line, number);
        }

        if (declared is { } expected && expected != vectorLines)
        {
            parser.Malformed($"the header declares {expected} vectors, but the file has {vectorLines} vector lines (truncated or concatenated file?)");
        }

        if (parser.dimension < 0)
        {
            throw new FormatException($"{source}: no vectors found; the file is empty.");
        }

        return new WordVectorTable(parser.dimension, parser.rows, parser.values, parser.skipped);
    }

    private bool TryReadHeader(string line, out long count, out int dim)
    {
        dim = 0;
        count = 0;
        return fields.Count == 2
            && long.TryParse(line.AsSpan()[fields[0]], NumberStyles.None, CultureInfo.InvariantCulture, out count)
            && int.TryParse(line.AsSpan()[fields[1]], NumberStyles.None, CultureInfo.InvariantCulture, out dim)
            && dim > 0;
    }

    private void ReadVector(string line, int number)
    {
        if (dimension < 0)
        {
            if (fields.Count < 2)
            {
                Malformed($"line {number} has no numbers after the word, so the dimension cannot be known");
                return;
            }

            dimension = fields.Count - 1;
        }

        if (fields.Count < dimension + 1)
        {
            Malformed($"line {number} has {fields.Count} fields, but a word and {dimension} numbers were expected");
            return;
        }

        // Words may contain spaces (GloVe 840B): the word is everything before the last 'dimension' fields.
        int wordFields = fields.Count - dimension;
        string word = line[fields[0].Start..fields[wordFields - 1].End];
        if (rows.ContainsKey(word) || (keep is not null && !keep(word)))
        {
            return;
        }

        int offset = rows.Count * dimension;
        if (values.Length < offset + dimension)
        {
            Array.Resize(ref values, Math.Max(offset + dimension, values.Length * 2));
        }

        for (int j = 0; j < dimension; j++)
        {
            var text = line.AsSpan()[fields[wordFields + j]];
            if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
            {
                Malformed($"line {number} (word '{word}') has '{text}' as number {j + 1}; expected a finite number");
                return;
            }

            values[offset + j] = value;
        }

        rows.Add(word, rows.Count);
    }

    private void Malformed(string message)
    {
        if (!skipMalformed)
        {
            throw new FormatException($"{source}: {message}.");
        }

        skipped.Add(message);
    }

    private void SplitFields(string line)
    {
        fields.Clear();
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] is ' ' or '\t' or '\r')
            {
                i++;
            }

            int start = i;
            while (i < line.Length && line[i] is not (' ' or '\t' or '\r'))
            {
                i++;
            }

            if (i > start)
            {
                fields.Add(start..i);
            }
        }
    }
}
