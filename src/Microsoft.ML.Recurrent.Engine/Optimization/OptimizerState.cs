namespace Microsoft.ML.Recurrent.Engine.Optimization;

/// <summary>
/// Checkpointable snapshot of an <see cref="Optimizer"/>: the number of steps taken and, for each parameter in
/// optimizer order, its named state buffers (PyTorch names such as <c>momentum_buffer</c>, <c>exp_avg</c>, <c>exp_avg_sq</c>).
/// Hyperparameters and the learning rate are not included.
/// </summary>
public sealed class OptimizerState
{
    /// <summary>Creates a snapshot; the arrays are referenced, not copied.</summary>
    public OptimizerState(long stepCount, IReadOnlyList<IReadOnlyDictionary<string, float[]>> buffers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        ArgumentNullException.ThrowIfNull(buffers);
        for (int i = 0; i < buffers.Count; i++)
        {
            if (buffers[i] is null)
            {
                throw new ArgumentException($"Parameter 'buffers' has a null entry at index {i}.", nameof(buffers));
            }
        }

        StepCount = stepCount;
        Buffers = buffers;
    }

    /// <summary>Number of <see cref="Optimizer.Step"/> calls made.</summary>
    public long StepCount { get; }

    /// <summary>Per parameter (optimizer order), buffer name → values, one value per scalar weight.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, float[]>> Buffers { get; }
}
