namespace Microsoft.ML.Recurrent.Engine.Optimization;

/// <summary>
/// Linear warm-up in front of another schedule. With r = inner.Rate(0) and W = <see cref="WarmupSteps"/>:
/// Rate(step) = r · (step + 1) / W for step &lt; W (r/W, 2r/W, …, r), then inner.Rate(step − W), so the inner schedule
/// starts over from its step 0 once warm-up is done.
/// </summary>
public sealed class WarmupSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule; <paramref name="warmupSteps"/> &gt; 0.</summary>
    public WarmupSchedule(LearningRateSchedule inner, int warmupSteps)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(warmupSteps);
        Inner = inner;
        WarmupSteps = warmupSteps;
    }

    /// <summary>Schedule followed after warm-up (shifted by <see cref="WarmupSteps"/>).</summary>
    public LearningRateSchedule Inner { get; }

    /// <summary>Number of warm-up steps.</summary>
    public int WarmupSteps { get; }

    /// <inheritdoc />
    public override float Rate(int step)
    {
        OptimizationGuard.Step(step, nameof(step));
        return step < WarmupSteps
            ? (float)((double)Inner.Rate(0) * (step + 1) / WarmupSteps)
            : Inner.Rate(step - WarmupSteps);
    }
}
