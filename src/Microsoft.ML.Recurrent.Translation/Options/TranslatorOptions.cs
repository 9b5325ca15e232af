using Microsoft.ML.Recurrent.Engine.Modules;

namespace Microsoft.ML.Recurrent.Translation;

/// <summary>
/// Settings of <see cref="Translator.Fit"/>: tokenization, architecture and training. Every setting has a documented
/// default; <see cref="Validate"/> names the first invalid one. Derive from this class to add settings (the ML.NET
/// layer does).
/// </summary>
public class TranslatorOptions
{
    /// <summary>Largest <see cref="SubwordMerges"/>: 1,000,000.</summary>
    public const int MaxSubwordMerges = 1_000_000;

    /// <summary>Largest <see cref="MaxTrainingLength"/>: 10,000 tokens.</summary>
    public const int MaxTrainingLengthLimit = 10_000;

    /// <summary>Vocabulary units of both sides. Default <see cref="TranslationTokenization.Subwords"/>.</summary>
    public TranslationTokenization Tokenization { get; set; } = TranslationTokenization.Subwords;

    /// <summary>Byte-pair-encoding merges learned per side (subword tokenization only), at most <see cref="MaxSubwordMerges"/>. Default 4,000.</summary>
    public int SubwordMerges { get; set; } = 4000;

    /// <summary>Lowercase both sides before tokenizing (invariant culture); translations then come out lowercased. Default false.</summary>
    public bool Lowercase { get; set; }

    /// <summary>Tokens seen fewer times in a side's training texts become the unknown token. Default 1.</summary>
    public int MinTokenFrequency { get; set; } = 1;

    /// <summary>Most tokens per side's vocabulary, the four special tokens included, at most <see cref="SizeLimits.MaxVocabularySize"/>. Default 30,000.</summary>
    public int MaxVocabularySize { get; set; } = 30_000;

    /// <summary>
    /// Training pairs whose source or target has more tokens than this are left out of training; at most
    /// <see cref="MaxTrainingLengthLimit"/>. Default 50.
    /// </summary>
    public int MaxTrainingLength { get; set; } = 50;

    /// <summary>The recurrent cell of encoder and decoder. Default <see cref="RecurrentCellType.Lstm"/>.</summary>
    public RecurrentCellType Cell { get; set; } = RecurrentCellType.Lstm;

    /// <summary>Width of the source and target token embeddings, at most <see cref="SizeLimits.MaxEmbeddingSize"/>. Default 256.</summary>
    public int EmbeddingDimension { get; set; } = 256;

    /// <summary>
    /// Decoder hidden units, and the width of the encoder's outputs (a bidirectional encoder gives each direction half,
    /// so it must then be even); at most <see cref="SizeLimits.MaxHiddenSize"/>. Default 256.
    /// </summary>
    public int HiddenSize { get; set; } = 256;

    /// <summary>
    /// Stacked layers of the encoder and of the decoder (the bridge maps each encoder layer to a decoder layer), at most
    /// <see cref="SizeLimits.MaxLayers"/>. Default 1.
    /// </summary>
    public int NumLayers { get; set; } = 1;

    /// <summary>Read the source in both directions. Default true.</summary>
    public bool Bidirectional { get; set; } = true;

    /// <summary>The attention mechanism. Default <see cref="AttentionType.Luong"/>.</summary>
    public AttentionType Attention { get; set; } = AttentionType.Luong;

    /// <summary>Hidden width of the Bahdanau score, at most <see cref="SizeLimits.MaxHiddenSize"/>; 0 uses <see cref="HiddenSize"/>. Default 0.</summary>
    public int AttentionSize { get; set; }

    /// <summary>Feed each step's attentional vector into the next step's input (Luong et al. 2015). Default true.</summary>
    public bool InputFeeding { get; set; } = true;

    /// <summary>Dropout probability on embeddings, between stacked layers and before the output layer, in [0, 1). Default 0.2.</summary>
    public float Dropout { get; set; } = 0.2f;

    /// <summary>
    /// Share the target embedding matrix with the output layer (Press &amp; Wolf 2017); the attentional vector then has
    /// <see cref="EmbeddingDimension"/> units. Default false.
    /// </summary>
    public bool TieEmbeddings { get; set; }

    /// <summary>Most passes over the training pairs. Default 30 (early stopping usually ends training sooner).</summary>
    public int Epochs { get; set; } = 30;

    /// <summary>Sentence pairs per batch (batches hold pairs of similar source length), at most <see cref="SizeLimits.MaxBatchSize"/>. Default 64.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Adam learning rate. Default 0.002.</summary>
    public float LearningRate { get; set; } = 2e-3f;

    /// <summary>Clip the global gradient norm to this value before each update; 0 disables clipping. Default 5.</summary>
    public float GradientClipNorm { get; set; } = 5f;

    /// <summary>Label smoothing ε of the cross-entropy loss, in [0, 1). Default 0.1.</summary>
    public float LabelSmoothing { get; set; } = 0.1f;

    /// <summary>How the teacher-forcing ratio changes over epochs. Default <see cref="TeacherForcingSchedule.Constant"/>.</summary>
    public TeacherForcingSchedule TeacherForcing { get; set; } = TeacherForcingSchedule.Constant;

    /// <summary>Teacher-forcing ratio of the first epoch, in [0, 1]. Default 1 (always read the reference).</summary>
    public float TeacherForcingStart { get; set; } = 1f;

    /// <summary>
    /// Decay of the ratio: the amount subtracted per epoch (linear), the factor per epoch in (0, 1] (exponential), or
    /// k ≥ 1 (inverse sigmoid; larger decays later). Ignored by the constant schedule. Default 0.
    /// </summary>
    public float TeacherForcingDecay { get; set; }

    /// <summary>Lowest teacher-forcing ratio any schedule reaches, in [0, 1]. Default 0.</summary>
    public float TeacherForcingMinimum { get; set; }

    /// <summary>What chooses the best epoch on the validation pairs. Default <see cref="EarlyStoppingMetric.Bleu"/>.</summary>
    public EarlyStoppingMetric EarlyStopping { get; set; } = EarlyStoppingMetric.Bleu;

    /// <summary>Epochs without a better validation score before training stops; 0 runs all <see cref="Epochs"/>. Default 3.</summary>
    public int EarlyStoppingPatience { get; set; } = 3;

    /// <summary>
    /// Share of the training pairs held out for validation when no validation pairs are passed to <see cref="Translator.Fit"/>;
    /// 0 trains on everything for <see cref="Epochs"/> epochs (or the time budget). Default 0.05.
    /// </summary>
    public float ValidationFraction { get; set; } = 0.05f;

    /// <summary>Wall-clock training budget: the epoch in progress when it runs out is the last. Null means no limit. Default null.</summary>
    public TimeSpan? TimeBudget { get; set; }

    /// <summary>Seed of weight initialisation, shuffling, dropout and scheduled sampling: equal seeds give equal models. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Called after every epoch. Default null.</summary>
    public Action<TranslatorProgress>? Progress { get; set; }

    /// <summary>Returns a copy (of the same runtime type).</summary>
    public virtual TranslatorOptions Clone() => (TranslatorOptions)MemberwiseClone();

    /// <summary>Checks every setting; throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid one.</summary>
    public virtual void Validate()
    {
        SizeLimits.RequireDefined(Tokenization, nameof(Tokenization), Owner);
        SizeLimits.Require(SubwordMerges, 1, MaxSubwordMerges, nameof(SubwordMerges), Owner);
        Positive(MinTokenFrequency, nameof(MinTokenFrequency));
        SizeLimits.Require(MaxVocabularySize, 5, SizeLimits.MaxVocabularySize, nameof(MaxVocabularySize), Owner);
        SizeLimits.Require(MaxTrainingLength, 1, MaxTrainingLengthLimit, nameof(MaxTrainingLength), Owner);
        SizeLimits.RequireDefined(Cell, nameof(Cell), Owner);
        SizeLimits.Require(EmbeddingDimension, 1, SizeLimits.MaxEmbeddingSize, nameof(EmbeddingDimension), Owner);
        SizeLimits.Require(HiddenSize, 1, SizeLimits.MaxHiddenSize, nameof(HiddenSize), Owner);
        if (Bidirectional && HiddenSize % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(HiddenSize), HiddenSize, "HiddenSize must be even with a bidirectional encoder (each direction gets half).");
        }

        SizeLimits.Require(NumLayers, 1, SizeLimits.MaxLayers, nameof(NumLayers), Owner);
        SizeLimits.RequireDefined(Attention, nameof(Attention), Owner);
        SizeLimits.Require(AttentionSize, 0, SizeLimits.MaxHiddenSize, nameof(AttentionSize), Owner);

        if (!(Dropout >= 0f && Dropout < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "Dropout must be in [0, 1).");
        }

        Positive(Epochs, nameof(Epochs));
        SizeLimits.Require(BatchSize, 1, SizeLimits.MaxBatchSize, nameof(BatchSize), Owner);
        if (!(LearningRate > 0f) || float.IsInfinity(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be a finite value > 0.");
        }

        if (!(GradientClipNorm >= 0f) || float.IsInfinity(GradientClipNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(GradientClipNorm), GradientClipNorm, "GradientClipNorm must be a finite value ≥ 0 (0 disables clipping).");
        }

        if (!(LabelSmoothing >= 0f && LabelSmoothing < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(LabelSmoothing), LabelSmoothing, "LabelSmoothing must be in [0, 1).");
        }

        TeacherForcingRatio.Validate(this);
        SizeLimits.RequireDefined(EarlyStopping, nameof(EarlyStopping), Owner);
        if (EarlyStoppingPatience < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), EarlyStoppingPatience, "EarlyStoppingPatience must be ≥ 0 (0 disables early stopping).");
        }

        if (!(ValidationFraction >= 0f && ValidationFraction < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "ValidationFraction must be in [0, 1).");
        }

        if (TimeBudget is { } budget && budget <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TimeBudget), budget, "TimeBudget must be positive, or null for no limit.");
        }
    }

    private const string Owner = nameof(TranslatorOptions);

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1.");
        }
    }
}
