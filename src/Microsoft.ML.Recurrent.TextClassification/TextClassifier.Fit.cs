using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Text.Vocabularies;
using Microsoft.ML.Recurrent.Text.WordVectors;
using Microsoft.ML.Recurrent.TextClassification.Input;
using Microsoft.ML.Recurrent.TextClassification.Network;
using Microsoft.ML.Recurrent.TextClassification.Training;

namespace Microsoft.ML.Recurrent.TextClassification;

public sealed partial class TextClassifier
{
    /// <summary>Trains a classifier on raw texts.</summary>
    /// <param name="texts">The training texts; each needs at least one token.</param>
    /// <param name="labels">The class of each text, in [0, <paramref name="classCount"/>).</param>
    /// <param name="classCount">Number of classes, from 2 (binary classification) to <see cref="TextClassifierOptions.MaxClassCount"/>.</param>
    /// <param name="options">Settings; every one has a good default.</param>
    /// <param name="extraFeatures">
    /// Optional extra feature vector per text (all of one length, finite), joined to the recurrent representation before
    /// the output layer (wide and deep). Each row is read once and only its non-zeros are kept.
    /// </param>
    /// <exception cref="ArgumentException">An option or an input is invalid; the message names it, the row and what was expected.</exception>
    public static TextClassifier Fit(IReadOnlyList<string> texts, IReadOnlyList<int> labels, int classCount, TextClassifierOptions options, IReadOnlyList<float[]>? extraFeatures = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        options = Prepare(options, texts.Count, labels, classCount);
        var input = TextInput.Fit(texts, options, out var rows);
        return Train(input, rows, input.Vocabulary, labels, classCount, options, extraFeatures);
    }

    /// <summary>Trains a classifier on token-id sequences of an external vocabulary (for example ML.NET's key-typed token vectors, made 0-based).</summary>
    /// <param name="tokenIds">The training sequences: ids in [0, <paramref name="vocabularySize"/>), or <see cref="UnknownTokenId"/>; at least one per sequence.</param>
    /// <param name="vocabularySize">Number of ids in the external vocabulary, at most <see cref="TextClassifier.MaxExternalVocabularySize"/>.</param>
    /// <param name="labels">The class of each sequence, in [0, <paramref name="classCount"/>).</param>
    /// <param name="classCount">Number of classes, from 2 to <see cref="TextClassifierOptions.MaxClassCount"/>.</param>
    /// <param name="options">Settings; the tokenization settings do not apply.</param>
    /// <param name="extraFeatures">Optional extra feature vector per sequence; see the text overload.</param>
    /// <param name="tokenNames">
    /// Optional name of every id: needed for <see cref="TextClassifierOptions.WordVectorsPath"/> and shown in
    /// <see cref="TextPrediction.Tokens"/> (else "#id").
    /// </param>
    /// <exception cref="ArgumentException">An option or an input is invalid; the message names it, the row and what was expected.</exception>
    public static TextClassifier Fit(
        IReadOnlyList<int[]> tokenIds, int vocabularySize, IReadOnlyList<int> labels, int classCount, TextClassifierOptions options,
        IReadOnlyList<float[]>? extraFeatures = null, IReadOnlyList<string>? tokenNames = null)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        options = Prepare(options, tokenIds.Count, labels, classCount);
        var input = TokenIdInput.Fit(tokenIds, vocabularySize, tokenNames, options, out var rows);
        return Train(input, rows, options.WordVectorsPath is null ? null : input.NamedRows(), labels, classCount, options, extraFeatures);
    }

    /// <summary>Validates the options and labels; returns a private copy of the options.</summary>
    private static TextClassifierOptions Prepare(TextClassifierOptions options, int count, IReadOnlyList<int> labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(labels);
        options.Validate();
        if (classCount is < 2 or > TextClassifierOptions.MaxClassCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(classCount), classCount, $"Parameter 'classCount' is {classCount}; it must be at least 2 (2 for binary classification) and at most {TextClassifierOptions.MaxClassCount:N0}.");
        }

        if (count == 0)
        {
            throw new ArgumentException("There are no training inputs; training needs at least one.", nameof(labels));
        }

        if (labels.Count != count)
        {
            throw new ArgumentException($"Parameter 'labels' has {labels.Count} entries, but there are {count} inputs; give one label per input.", nameof(labels));
        }

        bool severalClasses = false;
        for (int i = 0; i < count; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentException($"Parameter 'labels' has the value {labels[i]} at row {i}; labels must be in [0, {classCount}).", nameof(labels));
            }

            severalClasses |= labels[i] != labels[0];
        }

        if (!severalClasses)
        {
            throw new ArgumentException(
                $"Parameter 'labels' holds only class {labels[0]} (all {count} inputs); a classifier needs training examples of at least two classes.", nameof(labels));
        }

        return options.Clone();
    }

    private static TextClassifier Train(
        TokenInput input, int[][] rows, Vocabulary? namedRows, IReadOnlyList<int> labels, int classCount, TextClassifierOptions options, IReadOnlyList<float[]>? extraFeatures)
    {
        var extras = extraFeatures is null ? null : SparseRows.From(extraFeatures, rows.Length, null, nameof(extraFeatures));
        if ((long)(extras?.Width ?? 0) * classCount > Array.MaxLength)
        {
            throw new ArgumentException(
                $"Parameter 'extraFeatures' has {extras!.Width:N0} features per row, which for {classCount:N0} classes needs more weights than an array holds ({Array.MaxLength:N0}); use fewer features.",
                nameof(extraFeatures));
        }
        var classWeights = ClassWeighting.Resolve(options, labels, classCount);
        var vectors = options.WordVectorsPath is { } path ? LoadWordVectors(path, namedRows!) : null;
        if (vectors is { Dimension: > SizeLimits.MaxEmbeddingSize })
        {
            throw new ArgumentException(
                $"TextClassifierOptions.WordVectorsPath '{options.WordVectorsPath}' holds vectors of {vectors.Dimension:N0} dimensions; at most {SizeLimits.MaxEmbeddingSize:N0} are supported.",
                nameof(options.WordVectorsPath));
        }
        int dimension = vectors?.Dimension ?? options.EmbeddingDimension;
        var seeds = new RandomSource(options.Seed);
        var network = new ClassifierNetwork(options, input.Vocabulary.Count, dimension, classCount, extras?.Width ?? 0, seeds.Fork());
        if (vectors is not null && vectors.InitializeEmbedding(network.Embedding, namedRows!) == 0)
        {
            throw new ArgumentException(
                $"None of the {namedRows!.Count - Vocabulary.SpecialCount} vocabulary tokens has a vector in '{options.WordVectorsPath}' (also looked up lowercased); check the file's language and tokenization.",
                nameof(options));
        }

        new ClassifierTrainer(network, rows, labels.ToArray(), extras, classWeights, options).Train(seeds.Fork());
        return new TextClassifier(options, input, network, extras?.Width ?? 0, dimension);
    }

    /// <summary>Loads the vectors of the vocabulary's tokens (as written or lowercased) from a word2vec/GloVe text file.</summary>
    private static WordVectorTable LoadWordVectors(string path, Vocabulary vocabulary)
    {
        var wanted = new HashSet<string>(vocabulary.Tokens, StringComparer.Ordinal);
        wanted.UnionWith(vocabulary.Tokens.Select(t => t.ToLowerInvariant()));
        return WordVectorTable.Load(path, keep: wanted.Contains);
    }
}
