namespace Microsoft.ML.Recurrent.Engine.Training;

/// <summary>Thrown when a loss or gradient becomes NaN or infinite; names the epoch and batch where it happened.</summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(int epoch, int batch, float loss, float gradientNorm)
        : base($"Training diverged at epoch {epoch}, batch {batch}: loss {loss}, gradient norm {gradientNorm}. " +
               "Lower the learning rate, enable gradient clipping, or check the inputs and targets for extreme values.")
    {
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
        GradientNorm = gradientNorm;
    }

    /// <summary>Epoch (from 1) in which training diverged.</summary>
    public int Epoch { get; }

    /// <summary>Batch index (from 0) within the epoch.</summary>
    public int Batch { get; }

    /// <summary>Loss of the failing batch.</summary>
    public float Loss { get; }

    /// <summary>Gradient norm of the failing batch.</summary>
    public float GradientNorm { get; }
}
