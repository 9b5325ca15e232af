using Microsoft.ML.Recurrent.Engine.Training;

namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>Progress of one training epoch of one ensemble member, reported to <see cref="ForecasterOptions.Progress"/>.</summary>
/// <param name="Member">Ensemble member being trained, from 0; the epoch search runs as member 0 with <paramref name="Search"/> set.</param>
/// <param name="Search">
/// True while the first network trains with a validation tail to find the best epoch count (its
/// <see cref="EpochProgress.ValidationLoss"/> is set); false while the members train on all windows for that many epochs.
/// </param>
/// <param name="Epoch">The engine's epoch report: epoch, training and validation pinball loss, gradient norm, time.</param>
public readonly record struct ForecasterProgress(int Member, bool Search, EpochProgress Epoch);
