using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Training;

namespace Microsoft.ML.Recurrent.TextGeneration;

/// <summary>
/// Settings of <see cref="CharLanguageModel.Fit"/>. The defaults are the configuration measured on tinyshakespeare
/// (examples/TextGeneration/README.md): a 2-layer LSTM of 512 units trained for at most 20 minutes. Unsealed so that
/// wrappers (the ML.NET estimator) can extend it.
/// </summary>
public class CharLanguageModelOptions
{
    /// <summary>Largest <see cref="SequenceLength"/>: 100,000 characters.</summary>
    public const int MaxSequenceLength = 100_000;

    /// <summary>LSTM or GRU. Default <see cref="RecurrentCellType.Lstm"/>.</summary>
    public RecurrentCellType Cell { get; set; } = RecurrentCellType.Lstm;

    /// <summary>Units in each recurrent layer, at most <see cref="SizeLimits.MaxHiddenSize"/>. Default 512.</summary>
    public int HiddenSize { get; set; } = 512;

    /// <summary>Number of stacked recurrent layers, at most <see cref="SizeLimits.MaxLayers"/>. Default 2.</summary>
    public int NumLayers { get; set; } = 2;

    /// <summary>
    /// Width of the character embedding, at most <see cref="SizeLimits.MaxEmbeddingSize"/>; ignored with <see cref="TieEmbeddings"/>
    /// (then it equals <see cref="HiddenSize"/>). Default 64.
    /// </summary>
    public int EmbeddingSize { get; set; } = 64;

    /// <summary>Dropout probability between recurrent layers and before the output layer, in [0, 1). Default 0.2.</summary>
    public float Dropout { get; set; } = 0.2f;

    /// <summary>Share one matrix between the input embedding and the output layer (embedding width = hidden size). Default false.</summary>
    public bool TieEmbeddings { get; set; }

    /// <summary>
    /// Truncated-BPTT window: characters per stream per training step (the state is carried across windows), at most
    /// <see cref="MaxSequenceLength"/>. Default 100.
    /// </summary>
    public int SequenceLength { get; set; } = 100;

    /// <summary>Parallel streams per training step, each over its own contiguous part of the text, at most <see cref="SizeLimits.MaxBatchSize"/>. Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Adam learning rate. Default 2e-3.</summary>
    public float LearningRate { get; set; } = 2e-3f;

    /// <summary>Learning rate multiplier applied after every epoch, in (0, 1]. Default 0.9.</summary>
    public float LearningRateDecay { get; set; } = 0.9f;

    /// <summary>Clip the global gradient norm to this value; 0 disables clipping. Default 5.</summary>
    public float GradientClipNorm { get; set; } = 5f;

    /// <summary>Maximum passes over the training text. Default 50.</summary>
    public int Epochs { get; set; } = 50;

    /// <summary>Wall-clock training limit (the epoch in progress ends early and is validated); null for none. Default 20 minutes.</summary>
    public TimeSpan? TimeBudget { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>
    /// Share of the training text, taken from its end, held out for validation when no validation text is given;
    /// 0 trains on everything without validation. In [0, 0.5]. Default 0.1.
    /// </summary>
    public float ValidationFraction { get; set; } = 0.1f;

    /// <summary>Stop after this many epochs without a validation improvement (the best weights are kept); 0 disables. Default 3.</summary>
    public int EarlyStoppingPatience { get; set; } = 3;

    /// <summary>
    /// File to save the model to (atomically) after every epoch that improves validation, or every epoch without validation;
    /// null for none. Its directory must exist and be writable: <see cref="CharLanguageModel.Fit"/> checks that before training.
    /// Default null.
    /// </summary>
    public string? CheckpointPath { get; set; }

    /// <summary>Seed for weights, dropout and epoch offsets; training is reproducible for a seed and thread count. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Called after every epoch. Default null.</summary>
    public Action<EpochProgress>? Progress { get; set; }

    /// <summary>Checks every setting and throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid one.</summary>
    public void Validate()
    {
        Require(Enum.IsDefined(Cell), nameof(Cell), Cell, "must be Lstm or Gru");
        Require(HiddenSize is >= 1 and <= SizeLimits.MaxHiddenSize, nameof(HiddenSize), HiddenSize, $"must be at least 1 and at most {SizeLimits.MaxHiddenSize:N0}");
        Require(NumLayers is >= 1 and <= SizeLimits.MaxLayers, nameof(NumLayers), NumLayers, $"must be at least 1 and at most {SizeLimits.MaxLayers}");
        Require(EmbeddingSize is >= 1 and <= SizeLimits.MaxEmbeddingSize, nameof(EmbeddingSize), EmbeddingSize, $"must be at least 1 and at most {SizeLimits.MaxEmbeddingSize:N0}");
        Require(Dropout >= 0f && Dropout < 1f, nameof(Dropout), Dropout, "must be in [0, 1)");
        Require(SequenceLength is >= 1 and <= MaxSequenceLength, nameof(SequenceLength), SequenceLength, $"must be at least 1 and at most {MaxSequenceLength:N0}");
        Require(BatchSize is >= 1 and <= SizeLimits.MaxBatchSize, nameof(BatchSize), BatchSize, $"must be at least 1 and at most {SizeLimits.MaxBatchSize:N0}");
        Require(LearningRate > 0f && float.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "must be a finite value > 0");
        Require(LearningRateDecay > 0f && LearningRateDecay <= 1f, nameof(LearningRateDecay), LearningRateDecay, "must be in (0, 1]");
        Require(GradientClipNorm >= 0f && float.IsFinite(GradientClipNorm), nameof(GradientClipNorm), GradientClipNorm, "must be a finite value ≥ 0 (0 disables clipping)");
        Require(Epochs >= 1, nameof(Epochs), Epochs, "must be at least 1");
        Require(TimeBudget is null || TimeBudget > TimeSpan.Zero, nameof(TimeBudget), TimeBudget, "must be positive, or null for no limit");
        Require(ValidationFraction >= 0f && ValidationFraction <= 0.5f, nameof(ValidationFraction), ValidationFraction, "must be in [0, 0.5]");
        Require(EarlyStoppingPatience >= 0, nameof(EarlyStoppingPatience), EarlyStoppingPatience, "must be ≥ 0 (0 disables early stopping)");
        Require(CheckpointPath is null || CheckpointPath.Trim().Length > 0, nameof(CheckpointPath), CheckpointPath, "must be a file path, or null for no checkpoints");
    }

    /// <summary>Returns a copy (the progress callback is shared).</summary>
    public virtual CharLanguageModelOptions Clone() => (CharLanguageModelOptions)MemberwiseClone();

    /// <summary>The embedding width actually used.</summary>
    internal int ResolvedEmbeddingSize => TieEmbeddings ? HiddenSize : EmbeddingSize;

    private static void Require(bool condition, string name, object? value, string expectation)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Option '{name}' is {value?.ToString() ?? "null"}; it {expectation}.");
        }
    }
}
