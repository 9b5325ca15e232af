namespace Microsoft.ML.Recurrent.Engine.Optimization;

/// <summary>The same learning rate at every step.</summary>
public sealed class ConstantSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule; <paramref name="rate"/> must be finite and ≥ 0.</summary>
    public ConstantSchedule(float rate)
    {
        OptimizationGuard.NonNegative(rate, nameof(rate));
        ConstantRate = rate;
    }

    /// <summary>The learning rate.</summary>
    public float ConstantRate { get; }

    /// <inheritdoc />
    public override float Rate(int step)
    {
        OptimizationGuard.Step(step, nameof(step));
        return ConstantRate;
    }
}
