namespace Microsoft.ML.Recurrent.Engine.Training;

/// <summary>
/// Thrown when training diverges: a loss or gradient becomes NaN or infinite, a layer meets a non-finite value, or the
/// loss grows by orders of magnitude over its starting value. Names the epoch, the batch and the learning rate.
/// </summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="epoch">Epoch (from 1) in which training diverged.</param>
    /// <param name="batch">Batch index (from 0) within the epoch.</param>
    /// <param name="loss">Loss of the failing batch (NaN when it could not be computed).</param>
    /// <param name="gradientNorm">Gradient norm of the failing batch (NaN when it could not be computed).</param>
    /// <param name="learningRate">The learning rate training started with.</param>
    /// <param name="reason">What went wrong, completing "Training diverged at epoch e, batch b: ...".</param>
    /// <param name="innerException">The error that revealed the divergence, if any.</param>
    public TrainingDivergedException(int epoch, int batch, float loss, float gradientNorm, float learningRate, string reason, Exception? innerException = null)
        : base(
            FormattableString.Invariant(
                $"Training diverged at epoch {epoch}, batch {batch}: {reason}. The learning rate (LearningRate = {learningRate}) is probably too high: lower it (for example ten times), enable gradient clipping, or check the inputs and targets for extreme values."),
            innerException)
    {
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
        GradientNorm = gradientNorm;
        LearningRate = learningRate;
    }

    /// <summary>Epoch (from 1) in which training diverged.</summary>
    public int Epoch { get; }

    /// <summary>Batch index (from 0) within the epoch.</summary>
    public int Batch { get; }

    /// <summary>Loss of the failing batch (NaN when it could not be computed).</summary>
    public float Loss { get; }

    /// <summary>Gradient norm of the failing batch (NaN when it could not be computed).</summary>
    public float GradientNorm { get; }

    /// <summary>The learning rate training started with.</summary>
    public float LearningRate { get; }
}
