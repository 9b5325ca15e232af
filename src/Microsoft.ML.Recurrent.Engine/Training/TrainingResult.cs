namespace Microsoft.ML.Recurrent.Engine.Training;

/// <summary>Outcome of <see cref="TrainingLoop.Run"/>.</summary>
/// <param name="History">Progress of every epoch run.</param>
/// <param name="BestEpoch">Epoch with the lowest validation loss (the last epoch without validation).</param>
/// <param name="StoppedEarly">Whether early stopping ended training before the epoch limit.</param>
public sealed record TrainingResult(IReadOnlyList<EpochProgress> History, int BestEpoch, bool StoppedEarly)
{
    /// <summary>Whether <see cref="TrainingOptions.TimeBudget"/> ran out and ended training.</summary>
    public bool StoppedByTimeBudget { get; init; }

    /// <summary>Progress of the best epoch.</summary>
    public EpochProgress Best => History[BestEpoch - 1];
}
