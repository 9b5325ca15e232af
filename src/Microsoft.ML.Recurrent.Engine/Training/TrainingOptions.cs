using Microsoft.ML.Recurrent.Engine.Optimization;

namespace Microsoft.ML.Recurrent.Engine.Training;

/// <summary>Settings of <see cref="TrainingLoop"/>.</summary>
public sealed class TrainingOptions
{
    /// <summary>Maximum number of passes over the training batches. Default 20.</summary>
    public int Epochs { get; set; } = 20;

    /// <summary>Clip the global gradient norm to this value before each update; 0 disables clipping. Default 1.</summary>
    public float GradientClipNorm { get; set; } = 1f;

    /// <summary>Learning-rate schedule; null keeps the optimizer's rate. Default null.</summary>
    public LearningRateSchedule? Schedule { get; set; }

    /// <summary>Whether the schedule advances per batch (true) or per epoch (false). Default false.</summary>
    public bool SchedulePerBatch { get; set; }

    /// <summary>
    /// Stop after this many epochs without a validation improvement larger than <see cref="MinimumImprovement"/>;
    /// 0 disables early stopping. Needs a validation function. Default 0.
    /// </summary>
    public int EarlyStoppingPatience { get; set; }

    /// <summary>Smallest decrease of the validation loss that counts as an improvement. Default 0.</summary>
    public float MinimumImprovement { get; set; }

    /// <summary>With validation, restore the weights of the best epoch at the end. Default true.</summary>
    public bool RestoreBestWeights { get; set; } = true;

    /// <summary>
    /// Wall-clock limit for the whole run, checked after every batch: once it is used up, the epoch in progress ends early
    /// (its mean loss covers the batches run), is validated and reported, and training stops. Null means no limit. Default null.
    /// </summary>
    public TimeSpan? TimeBudget { get; set; }

    /// <summary>Called after every epoch. Default null.</summary>
    public Action<EpochProgress>? Progress { get; set; }

    /// <summary>Checks the settings, naming the first invalid one.</summary>
    public void Validate()
    {
        if (Epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        }

        if (!(GradientClipNorm >= 0f) || float.IsInfinity(GradientClipNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(GradientClipNorm), GradientClipNorm, "GradientClipNorm must be a finite value ≥ 0 (0 disables clipping).");
        }

        if (EarlyStoppingPatience < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), EarlyStoppingPatience, "EarlyStoppingPatience must be ≥ 0 (0 disables early stopping).");
        }

        if (TimeBudget is { } budget && budget <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TimeBudget), budget, "TimeBudget must be positive, or null for no limit.");
        }

        if (!(MinimumImprovement >= 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumImprovement), MinimumImprovement, "MinimumImprovement must be ≥ 0.");
        }
    }
}
