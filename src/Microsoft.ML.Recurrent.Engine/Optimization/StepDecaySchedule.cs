namespace Microsoft.ML.Recurrent.Engine.Optimization;

/// <summary>Multiplies the rate by <see cref="Gamma"/> every <see cref="StepSize"/> steps: initialRate · γ^⌊step / stepSize⌋ (<c>torch.optim.lr_scheduler.StepLR</c>).</summary>
public sealed class StepDecaySchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule; <paramref name="stepSize"/> &gt; 0, <paramref name="gamma"/> in (0, 1].</summary>
    public StepDecaySchedule(float initialRate, int stepSize, float gamma)
    {
        OptimizationGuard.NonNegative(initialRate, nameof(initialRate));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSize);
        if (!(gamma > 0f && gamma <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Parameter 'gamma' must be in (0, 1].");
        }

        InitialRate = initialRate;
        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>Rate for steps 0 to <see cref="StepSize"/> − 1.</summary>
    public float InitialRate { get; }

    /// <summary>Number of steps between decays.</summary>
    public int StepSize { get; }

    /// <summary>Multiplicative decay factor.</summary>
    public float Gamma { get; }

    /// <inheritdoc />
    public override float Rate(int step)
    {
        OptimizationGuard.Step(step, nameof(step));
        return (float)(InitialRate * Math.Pow(Gamma, step / StepSize));
    }
}
