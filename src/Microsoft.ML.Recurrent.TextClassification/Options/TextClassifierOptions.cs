using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Training;

namespace Microsoft.ML.Recurrent.TextClassification;

/// <summary>
/// Settings of <see cref="TextClassifier"/>.Fit. Every setting has a default chosen to classify well out of the box
/// (measured on movie-review sentiment, SMS spam and TREC question types); see each property.
/// </summary>
public class TextClassifierOptions
{
    /// <summary>Largest <see cref="MaxLength"/>: 100,000 tokens.</summary>
    public const int MaxLengthLimit = 100_000;

    /// <summary>Most classes a classifier can have: 100,000.</summary>
    public const int MaxClassCount = 100_000;

    /// <summary>How raw text is split into tokens (ignored for token-id input). Default <see cref="TextTokenization.Words"/>.</summary>
    public TextTokenization Tokenization { get; set; } = TextTokenization.Words;

    /// <summary>Lowercase raw text before tokenizing (invariant culture). Default true: case rarely matters and halves the vocabulary.</summary>
    public bool Lowercase { get; set; } = true;

    /// <summary>Keep punctuation marks as tokens (word tokenization). Default true: "!" and "?" carry sentiment and question type.</summary>
    public bool KeepPunctuation { get; set; } = true;

    /// <summary>Tokens seen fewer times in the training texts share the unknown-token embedding. Default 1: every training token gets its own.</summary>
    public int MinTokenFrequency { get; set; } = 1;

    /// <summary>
    /// Most embedding rows, the padding and unknown tokens included, at most <see cref="SizeLimits.MaxVocabularySize"/>; the
    /// most frequent tokens are kept. Default 50,000.
    /// </summary>
    public int MaxVocabularySize { get; set; } = 50_000;

    /// <summary>Tokens read from the start of each text, at most <see cref="MaxLengthLimit"/>; the rest is ignored. Default 400.</summary>
    public int MaxLength { get; set; } = 400;

    /// <summary>
    /// Width of the token embeddings, at most <see cref="SizeLimits.MaxEmbeddingSize"/> (overridden by the file's dimension
    /// when <see cref="WordVectorsPath"/> is set). Default 128.
    /// </summary>
    public int EmbeddingDimension { get; set; } = 128;

    /// <summary>
    /// Optional word2vec or GloVe text file whose vectors initialise the embeddings of the tokens it contains (looked up as
    /// written, then lowercased); the embeddings stay trainable. Default null: random initialisation.
    /// </summary>
    public string? WordVectorsPath { get; set; }

    /// <summary>The recurrent cell. Default <see cref="RecurrentCellType.Lstm"/>.</summary>
    public RecurrentCellType Cell { get; set; } = RecurrentCellType.Lstm;

    /// <summary>Hidden units per direction and layer, at most <see cref="SizeLimits.MaxHiddenSize"/>. Default 128.</summary>
    public int HiddenSize { get; set; } = 128;

    /// <summary>
    /// Stacked recurrent layers, at most <see cref="SizeLimits.MaxLayers"/>. Default 1: a second layer costs twice the time
    /// and rarely helps on sentences.
    /// </summary>
    public int NumLayers { get; set; } = 1;

    /// <summary>Read each text in both directions. Default true.</summary>
    public bool Bidirectional { get; set; } = true;

    /// <summary>How the per-token outputs become one vector. Default <see cref="PoolingMode.Max"/>.</summary>
    public PoolingMode Pooling { get; set; } = PoolingMode.Max;

    /// <summary>
    /// Hidden width of the attention score (attention pooling only), at most <see cref="SizeLimits.MaxHiddenSize"/>; 0 uses the
    /// encoder's output width. Default 0.
    /// </summary>
    public int AttentionSize { get; set; }

    /// <summary>Dropout probability on the embeddings, between stacked layers and on the pooled vector, in [0, 1). Default 0.5.</summary>
    public float Dropout { get; set; } = 0.5f;

    /// <summary>Most passes over the training texts. Default 20 (early stopping usually ends training sooner).</summary>
    public int Epochs { get; set; } = 20;

    /// <summary>Texts per training batch (batches hold texts of similar length), at most <see cref="SizeLimits.MaxBatchSize"/>. Default 64.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Adam learning rate. Default 0.002.</summary>
    public float LearningRate { get; set; } = 2e-3f;

    /// <summary>Clip the global gradient norm to this value before each update; 0 disables clipping. Default 5.</summary>
    public float GradientClipNorm { get; set; } = 5f;

    /// <summary>
    /// Share of the training texts held out (stratified by class) to choose the epoch: training stops after
    /// <see cref="EarlyStoppingPatience"/> epochs without a lower validation loss and keeps the best epoch's weights.
    /// 0 trains on everything for <see cref="Epochs"/> epochs. Default 0.1.
    /// </summary>
    public float ValidationFraction { get; set; } = 0.1f;

    /// <summary>Epochs without a better validation loss before training stops; 0 runs all <see cref="Epochs"/>. Default 3.</summary>
    public int EarlyStoppingPatience { get; set; } = 3;

    /// <summary>
    /// Weigh each class's loss by n / (classes · n_class), so rare classes count as much as frequent ones (scikit-learn's
    /// "balanced"). Cannot be combined with <see cref="ClassWeights"/>. Default false.
    /// </summary>
    public bool BalanceClasses { get; set; }

    /// <summary>Explicit non-negative loss weight per class (one per class), or null for equal weights. Default null.</summary>
    public IReadOnlyList<float>? ClassWeights { get; set; }

    /// <summary>Seed of the weights, dropout, validation split and shuffling; the same seed and thread count give the same model. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Called after every training epoch with the training and validation loss. Default null.</summary>
    public Action<EpochProgress>? Progress { get; set; }

    /// <summary>Checks every setting; the exception names the first invalid option and what it accepts.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        Require(Enum.IsDefined(Tokenization), nameof(Tokenization), Tokenization, "must be Words or Characters");
        Require(MinTokenFrequency >= 1, nameof(MinTokenFrequency), MinTokenFrequency, "must be at least 1");
        Require(
            MaxVocabularySize is >= 5 and <= SizeLimits.MaxVocabularySize, nameof(MaxVocabularySize), MaxVocabularySize,
            $"must be at least 5 (four special tokens and one real token) and at most {SizeLimits.MaxVocabularySize:N0}");
        Require(MaxLength is >= 1 and <= MaxLengthLimit, nameof(MaxLength), MaxLength, $"must be at least 1 and at most {MaxLengthLimit:N0}");
        Require(
            EmbeddingDimension is >= 1 and <= SizeLimits.MaxEmbeddingSize, nameof(EmbeddingDimension), EmbeddingDimension, $"must be at least 1 and at most {SizeLimits.MaxEmbeddingSize:N0}");
        Require(WordVectorsPath is null || WordVectorsPath.Length > 0, nameof(WordVectorsPath), WordVectorsPath, "must name a file, or be null");
        Require(Enum.IsDefined(Cell), nameof(Cell), Cell, "must be Lstm or Gru");
        Require(HiddenSize is >= 1 and <= SizeLimits.MaxHiddenSize, nameof(HiddenSize), HiddenSize, $"must be at least 1 and at most {SizeLimits.MaxHiddenSize:N0}");
        Require(NumLayers is >= 1 and <= SizeLimits.MaxLayers, nameof(NumLayers), NumLayers, $"must be at least 1 and at most {SizeLimits.MaxLayers}");
        Require(Enum.IsDefined(Pooling), nameof(Pooling), Pooling, "must be Last, Max, Mean or Attention");
        Require(
            AttentionSize is >= 0 and <= SizeLimits.MaxHiddenSize, nameof(AttentionSize), AttentionSize, $"must be at least 0 (0 = the encoder's output width) and at most {SizeLimits.MaxHiddenSize:N0}");
        Require(Dropout is >= 0f and < 1f, nameof(Dropout), Dropout, "must be in [0, 1)");
        Require(Epochs >= 1, nameof(Epochs), Epochs, "must be at least 1");
        Require(BatchSize is >= 1 and <= SizeLimits.MaxBatchSize, nameof(BatchSize), BatchSize, $"must be at least 1 and at most {SizeLimits.MaxBatchSize:N0}");
        Require(float.IsFinite(LearningRate) && LearningRate > 0f, nameof(LearningRate), LearningRate, "must be a positive finite number");
        Require(float.IsFinite(GradientClipNorm) && GradientClipNorm >= 0f, nameof(GradientClipNorm), GradientClipNorm, "must be a finite number ≥ 0 (0 = no clipping)");
        Require(ValidationFraction is >= 0f and < 1f, nameof(ValidationFraction), ValidationFraction, "must be in [0, 1) (0 = no validation)");
        Require(EarlyStoppingPatience >= 0, nameof(EarlyStoppingPatience), EarlyStoppingPatience, "must be at least 0 (0 = no early stopping)");
        Require(!(BalanceClasses && ClassWeights is not null), nameof(ClassWeights), "(set)", "cannot be combined with BalanceClasses; choose one");
        if (ClassWeights is not null)
        {
            for (int c = 0; c < ClassWeights.Count; c++)
            {
                Require(float.IsFinite(ClassWeights[c]) && ClassWeights[c] >= 0f, nameof(ClassWeights), ClassWeights[c], $"has a weight at index {c} that is negative or not finite");
            }
        }
    }

    /// <summary>A copy with the same settings (the progress callback is shared).</summary>
    internal TextClassifierOptions Clone()
    {
        var copy = (TextClassifierOptions)MemberwiseClone();
        copy.ClassWeights = ClassWeights?.ToArray();
        return copy;
    }

    private static void Require(bool condition, string option, object? value, string expectation)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(option, value, $"TextClassifierOptions.{option} {expectation}; it is {value?.ToString() ?? "null"}.");
        }
    }
}
