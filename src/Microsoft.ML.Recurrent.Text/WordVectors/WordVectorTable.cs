using System.Text;
using Microsoft.ML.Recurrent.Engine.Layers;
using Microsoft.ML.Recurrent.Text.Vocabularies;

namespace Microsoft.ML.Recurrent.Text.WordVectors;

/// <summary>Pretrained word vectors (word2vec or GloVe text format): a word-to-vector lookup that can seed an <see cref="Embedding"/>.</summary>
public sealed class WordVectorTable
{
    private readonly Dictionary<string, int> rows;
    private readonly float[] values;

    internal WordVectorTable(int dimension, Dictionary<string, int> rows, float[] values, IReadOnlyList<string> skippedLines)
    {
        Dimension = dimension;
        this.rows = rows;
        this.values = values;
        SkippedLines = skippedLines;
    }

    /// <summary>Length of every vector.</summary>
    public int Dimension { get; }

    /// <summary>Number of words.</summary>
    public int Count => rows.Count;

    /// <summary>Why each skipped malformed line was skipped (empty unless loaded with <c>skipMalformedLines</c>).</summary>
    public IReadOnlyList<string> SkippedLines { get; }

    /// <summary>Loads a UTF-8 file; see <see cref="Load(TextReader, string, bool, Func{string, bool}?)"/>.</summary>
    public static WordVectorTable Load(string path, bool skipMalformedLines = false, Func<string, bool>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Load(reader, path, skipMalformedLines, keep);
    }

    /// <summary>
    /// Reads the text format: an optional header line "count dimension" (a first line of exactly two integers), then one
    /// line per word: the word and its numbers separated by spaces or tabs. The first vector line fixes the dimension when
    /// there is no header. A word may contain spaces (everything before the last <see cref="Dimension"/> fields). The first
    /// occurrence of a repeated word wins; blank lines are ignored.
    /// </summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">Names the input in error messages, for example the file name.</param>
    /// <param name="skipMalformedLines">
    /// False (default) throws at the first malformed line (too few fields, a number that does not parse or is not
    /// finite, or a header count that does not match); true skips such lines and lists them in <see cref="SkippedLines"/>.
    /// </param>
    /// <param name="keep">Optional filter: only words it accepts are stored (for example the words of a vocabulary), which saves memory.</param>
    /// <exception cref="FormatException">A malformed line (message names the source, line number and value), or no vectors at all.</exception>
    public static WordVectorTable Load(TextReader reader, string source = "word vectors", bool skipMalformedLines = false, Func<string, bool>? keep = null) =>
        WordVectorReader.Read(reader, source ?? throw new ArgumentNullException(nameof(source)), skipMalformedLines, keep);

    /// <summary>Whether <paramref name="word"/> has a vector.</summary>
    public bool Contains(string word) => rows.ContainsKey(word);

    /// <summary>The vector of <paramref name="word"/>, if any.</summary>
    public bool TryGetVector(string word, out ReadOnlyMemory<float> vector)
    {
        bool found = rows.TryGetValue(word, out int row);
        vector = found ? values.AsMemory(row * Dimension, Dimension) : default;
        return found;
    }

    /// <summary>
    /// Copies the vector of every ordinary vocabulary token into its row of <paramref name="embedding"/>'s weight, and
    /// returns how many tokens had one. Special-token rows (padding included) and rows of tokens without a vector keep
    /// their values. With <paramref name="fallbackToLowercase"/>, a token missing as written is looked up lowercased
    /// (GloVe vectors are lowercase).
    /// </summary>
    /// <exception cref="ArgumentException">The embedding's width differs from <see cref="Dimension"/> or it has fewer rows than the vocabulary.</exception>
    public int InitializeEmbedding(Embedding embedding, Vocabulary vocabulary, bool fallbackToLowercase = true)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (embedding.EmbeddingDim != Dimension)
        {
            throw new ArgumentException($"Parameter 'embedding' has width {embedding.EmbeddingDim}, but the word vectors have dimension {Dimension}.", nameof(embedding));
        }

        if (embedding.NumEmbeddings < vocabulary.Count)
        {
            throw new ArgumentException($"Parameter 'embedding' has {embedding.NumEmbeddings} rows, but the vocabulary has {vocabulary.Count} tokens.", nameof(embedding));
        }

        var weight = embedding.Weight.Value.Span;
        int hits = 0;
        for (int id = Vocabulary.SpecialCount; id < vocabulary.Count; id++)
        {
            string token = vocabulary.GetToken(id);
            if (TryGetVector(token, out var vector) || (fallbackToLowercase && TryGetVector(token.ToLowerInvariant(), out vector)))
            {
                vector.Span.CopyTo(weight.Slice(id * Dimension, Dimension));
                hits++;
            }
        }

        return hits;
    }
}
