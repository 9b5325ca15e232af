namespace Microsoft.ML.Recurrent.Engine.Training;

/// <summary>What one training epoch achieved; reported to <see cref="TrainingOptions.Progress"/>.</summary>
/// <param name="Epoch">Epoch number, from 1.</param>
/// <param name="TrainingLoss">Mean training loss over the epoch's batches.</param>
/// <param name="ValidationLoss">Validation loss after the epoch, or null without validation.</param>
/// <param name="GradientNorm">Mean global gradient norm before clipping.</param>
/// <param name="LearningRate">Learning rate used in the epoch's last batch.</param>
/// <param name="Elapsed">Wall-clock time of the epoch, including validation.</param>
/// <param name="IsBest">Whether this epoch has the best validation loss so far.</param>
public readonly record struct EpochProgress(
    int Epoch, float TrainingLoss, float? ValidationLoss, float GradientNorm, float LearningRate, TimeSpan Elapsed, bool IsBest);
