namespace Microsoft.ML.Recurrent.Engine.Optimization;

/// <summary>
/// A learning rate as a function of a step counted from 0; whether a step is an epoch or a batch is the caller's choice.
/// Typical use: <c>optimizer.LearningRate = schedule.Rate(step)</c> before each <see cref="Optimizer.Step"/>.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>Returns the learning rate for <paramref name="step"/> (≥ 0).</summary>
    public abstract float Rate(int step);
}
