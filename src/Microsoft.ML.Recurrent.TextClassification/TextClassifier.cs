using Microsoft.ML.Recurrent.Text.Batching;
using Microsoft.ML.Recurrent.TextClassification.Input;
using Microsoft.ML.Recurrent.TextClassification.Network;
using Microsoft.ML.Recurrent.TextClassification.Training;

namespace Microsoft.ML.Recurrent.TextClassification;

/// <summary>
/// A recurrent text classifier: token embeddings, a stacked (bidirectional) LSTM or GRU encoder, pooling over the
/// tokens, and a softmax output layer, optionally joined by a linear "wide" part over extra feature vectors (for example
/// an n-gram bag). Train it with <c>Fit</c> on raw texts or on token-id sequences. A fitted classifier is immutable;
/// every prediction method is safe to call from many threads at once.
/// </summary>
public sealed partial class TextClassifier
{
    /// <summary>Token id that stands for a token outside the external vocabulary (token-id input), for example ML.NET's missing key.</summary>
    public const int UnknownTokenId = -1;

    /// <summary>Largest external vocabulary that token-id input accepts: 16,777,216 ids.</summary>
    public const int MaxExternalVocabularySize = 1 << 24;

    private static readonly int[] FirstRow = [0];

    private readonly TokenInput input;
    private readonly ClassifierNetwork network;
    private readonly TextClassifierOptions options;

    private TextClassifier(TextClassifierOptions options, TokenInput input, ClassifierNetwork network, int extraFeatureCount, int embeddingDimension)
    {
        this.options = options;
        this.input = input;
        this.network = network;
        ExtraFeatureCount = extraFeatureCount;
        EmbeddingDimension = embeddingDimension;
    }

    /// <summary>Number of classes; predictions give one probability per class.</summary>
    public int ClassCount => network.ClassCount;

    /// <summary>Length of the extra feature vector every prediction needs, or 0 when the model has none.</summary>
    public int ExtraFeatureCount { get; }

    /// <summary>Width of the token embeddings.</summary>
    public int EmbeddingDimension { get; }

    /// <summary>Whether the model reads token ids (trained with the token-id <c>Fit</c>) rather than raw text.</summary>
    public bool ReadsTokenIds => input is TokenIdInput;

    /// <summary>Number of embedding rows: the kept tokens plus the padding, unknown, begin and end tokens.</summary>
    public int VocabularySize => input.Vocabulary.Count;

    /// <summary>A copy of the settings the model was trained with.</summary>
    public TextClassifierOptions Options => options.Clone();

    /// <summary>Classifies one text.</summary>
    /// <param name="text">The raw text; it must have at least one token.</param>
    /// <param name="extraFeatures">The text's extra features, exactly when the model was trained with them.</param>
    /// <exception cref="ArgumentException">The text has no tokens, or the extra features are missing, of the wrong length or not finite.</exception>
    /// <exception cref="InvalidOperationException">The model reads token ids.</exception>
    public TextPrediction Predict(string text, float[]? extraFeatures = null)
    {
        var rows = RequireText().Encode(text, out var tokens);
        return PredictOne(rows, tokens, extraFeatures);
    }

    /// <summary>Classifies one token-id sequence (ids in [0, vocabulary size), or <see cref="UnknownTokenId"/>).</summary>
    /// <param name="tokenIds">The token ids; at least one.</param>
    /// <param name="extraFeatures">The sequence's extra features, exactly when the model was trained with them.</param>
    /// <exception cref="ArgumentException">The sequence is empty or has an id out of range, or the extra features are invalid.</exception>
    /// <exception cref="InvalidOperationException">The model reads raw text.</exception>
    public TextPrediction Predict(ReadOnlySpan<int> tokenIds, float[]? extraFeatures = null)
    {
        var ids = RequireTokenIds();
        var rows = ids.Encode(tokenIds);
        return PredictOne(rows, new IdTokenList(ids, tokenIds[..rows.Length].ToArray()), extraFeatures);
    }

    /// <summary>Classifies many texts in length-bucketed batches: the same results as <see cref="Predict(string, float[])"/> up to float rounding, several times faster.</summary>
    /// <param name="texts">The raw texts.</param>
    /// <param name="extraFeatures">One extra feature vector per text, exactly when the model was trained with them.</param>
    /// <exception cref="ArgumentException">A text has no tokens (the message names its row), or the extra features are invalid.</exception>
    public IReadOnlyList<TextPrediction> PredictMany(IReadOnlyList<string> texts, IReadOnlyList<float[]>? extraFeatures = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var text = RequireText();
        var tokens = new IReadOnlyList<string>[texts.Count];
        var rows = new int[texts.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = text.Encode(texts[i] ?? throw new ArgumentException($"Parameter 'texts' has a null text at row {i}.", nameof(texts)), out tokens[i], i);
        }

        return PredictBatched(rows, i => tokens[i], extraFeatures);
    }

    /// <summary>Classifies many token-id sequences in length-bucketed batches; see <see cref="PredictMany(IReadOnlyList{string}, IReadOnlyList{float[]})"/>.</summary>
    /// <param name="tokenIds">The token-id sequences.</param>
    /// <param name="extraFeatures">One extra feature vector per sequence, exactly when the model was trained with them.</param>
    /// <exception cref="ArgumentException">A sequence is empty or has an id out of range, or the extra features are invalid.</exception>
    public IReadOnlyList<TextPrediction> PredictMany(IReadOnlyList<int[]> tokenIds, IReadOnlyList<float[]>? extraFeatures = null)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        var ids = RequireTokenIds();
        var rows = new int[tokenIds.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            var sequence = tokenIds[i] ?? throw new ArgumentException($"Parameter 'tokenIds' has a null sequence at row {i}.", nameof(tokenIds));
            rows[i] = ids.Encode(sequence, i);
        }

        return PredictBatched(rows, i => new IdTokenList(ids, tokenIds[i][..rows[i].Length]), extraFeatures);
    }

    /// <summary>Classifies <paramref name="texts"/> and scores the predictions against <paramref name="labels"/>.</summary>
    public ClassificationMetrics Evaluate(IReadOnlyList<string> texts, IReadOnlyList<int> labels, IReadOnlyList<float[]>? extraFeatures = null) =>
        ClassificationMetrics.Compute(labels, PredictMany(texts, extraFeatures).Select(p => p.Probabilities).ToArray(), ClassCount);

    /// <summary>Classifies <paramref name="tokenIds"/> and scores the predictions against <paramref name="labels"/>.</summary>
    public ClassificationMetrics Evaluate(IReadOnlyList<int[]> tokenIds, IReadOnlyList<int> labels, IReadOnlyList<float[]>? extraFeatures = null) =>
        ClassificationMetrics.Compute(labels, PredictMany(tokenIds, extraFeatures).Select(p => p.Probabilities).ToArray(), ClassCount);

    private TextPrediction PredictOne(int[] rows, IReadOnlyList<string> tokens, float[]? extraFeatures)
    {
        var extras = Extras(extraFeatures is null ? null : [extraFeatures], 1);
        var logits = network.Forward(rows, rows.Length, 1, default, extras, FirstRow, out var weights);
        return CreatePrediction(logits.Values, weights is null ? default : weights.Values, tokens);
    }

    private TextPrediction[] PredictBatched(int[][] rows, Func<int, IReadOnlyList<string>> tokens, IReadOnlyList<float[]>? extraFeatures)
    {
        var extras = Extras(extraFeatures, rows.Length);
        var results = new TextPrediction[rows.Length];
        int classes = ClassCount;
        foreach (var batch in ClassifierTrainer.EvaluationBatches(rows, Enumerable.Range(0, rows.Length).ToArray()))
        {
            var logits = network.Forward(batch.Ids, batch.Steps, batch.BatchSize, batch.Lengths, extras, batch.Indices, out var weights);
            for (int b = 0; b < batch.BatchSize; b++)
            {
                int i = batch.Indices[b];
                var attention = weights is null ? default : weights.Values.Slice(b * batch.Steps, batch.Lengths[b]);
                results[i] = CreatePrediction(logits.Values.Slice(b * classes, classes), attention, tokens(i));
            }
        }

        return results;
    }

    private static TextPrediction CreatePrediction(ReadOnlySpan<float> logits, ReadOnlySpan<float> attention, IReadOnlyList<string> tokens)
    {
        var probabilities = new float[logits.Length];
        float max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, probabilities);
        TensorPrimitives.Exp(probabilities, probabilities);
        TensorPrimitives.Divide(probabilities, TensorPrimitives.Sum(probabilities), probabilities);
        return new TextPrediction(probabilities, tokens, attention.IsEmpty ? null : attention[..tokens.Count].ToArray());
    }

    /// <summary>Checks extra features against the model: present exactly when it has a wide part, each of its width.</summary>
    private SparseRows? Extras(IReadOnlyList<float[]>? extraFeatures, int count)
    {
        if (ExtraFeatureCount == 0)
        {
            return extraFeatures is null
                ? null
                : throw new ArgumentException("This text classifier was trained without extra features; pass null.", nameof(extraFeatures));
        }

        return extraFeatures is null
            ? throw new ArgumentException($"This text classifier was trained with {ExtraFeatureCount} extra features per text; pass them.", nameof(extraFeatures))
            : SparseRows.From(extraFeatures, count, ExtraFeatureCount, nameof(extraFeatures));
    }

    private TextInput RequireText() => input as TextInput
        ?? throw new InvalidOperationException("This text classifier was trained on token ids; pass token ids, not text.");

    private TokenIdInput RequireTokenIds() => input as TokenIdInput
        ?? throw new InvalidOperationException("This text classifier was trained on raw text; pass text, not token ids.");
}
