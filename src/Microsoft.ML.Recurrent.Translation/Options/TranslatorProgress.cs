namespace Microsoft.ML.Recurrent.Translation;

/// <summary>What one training epoch achieved; reported to <see cref="TranslatorOptions.Progress"/>.</summary>
/// <param name="Epoch">Epoch number, from 1.</param>
/// <param name="TrainingLoss">Mean training loss (label-smoothed cross-entropy per target token).</param>
/// <param name="ValidationLoss">Validation cross-entropy per token, when early stopping uses the loss; else null.</param>
/// <param name="ValidationBleu">Validation BLEU of greedy translations, when early stopping uses BLEU; else null.</param>
/// <param name="TeacherForcingRatio">Teacher-forcing ratio used in the epoch.</param>
/// <param name="Elapsed">Wall-clock time of the epoch, validation included.</param>
/// <param name="IsBest">Whether the epoch has the best validation score so far.</param>
public readonly record struct TranslatorProgress(
    int Epoch, float TrainingLoss, float? ValidationLoss, float? ValidationBleu, float TeacherForcingRatio, TimeSpan Elapsed, bool IsBest);
