namespace Microsoft.ML.Recurrent.Engine.Optimization;

/// <summary>
/// Cosine annealing without restarts: minimumRate + (initialRate − minimumRate) · (1 + cos(π · step / totalSteps)) / 2 for
/// steps up to <see cref="TotalSteps"/>, then <see cref="MinimumRate"/> (<c>torch.optim.lr_scheduler.CosineAnnealingLR</c> up to
/// T_max; beyond it PyTorch's rate rises again, this one stays at the minimum).
/// </summary>
public sealed class CosineSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule; <paramref name="totalSteps"/> &gt; 0 and 0 ≤ <paramref name="minimumRate"/> ≤ <paramref name="initialRate"/>.</summary>
    public CosineSchedule(float initialRate, int totalSteps, float minimumRate = 0f)
    {
        OptimizationGuard.NonNegative(initialRate, nameof(initialRate));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        OptimizationGuard.NonNegative(minimumRate, nameof(minimumRate));
        if (minimumRate > initialRate)
        {
            throw new ArgumentOutOfRangeException(
                nameof(minimumRate), minimumRate, $"Parameter 'minimumRate' must not exceed the initial rate {initialRate}.");
        }

        InitialRate = initialRate;
        TotalSteps = totalSteps;
        MinimumRate = minimumRate;
    }

    /// <summary>Rate at step 0.</summary>
    public float InitialRate { get; }

    /// <summary>Step at which the rate reaches <see cref="MinimumRate"/>.</summary>
    public int TotalSteps { get; }

    /// <summary>Rate at and after <see cref="TotalSteps"/>.</summary>
    public float MinimumRate { get; }

    /// <inheritdoc />
    public override float Rate(int step)
    {
        OptimizationGuard.Step(step, nameof(step));
        if (step >= TotalSteps)
        {
            return MinimumRate;
        }

        double cosine = (1.0 + Math.Cos(Math.PI * step / TotalSteps)) / 2.0;
        return (float)(MinimumRate + ((double)InitialRate - MinimumRate) * cosine);
    }
}
