namespace Microsoft.ML.Recurrent.Engine.Optimization;

/// <summary>Floating-point argument checks for optimisers and schedules; each failure names the parameter and the value.</summary>
internal static class OptimizationGuard
{
    /// <summary>Requires a finite value ≥ 0 (learning rates, weight decay, epsilon, momentum).</summary>
    public static void NonNegative(float value, string parameterName)
    {
        if (!(value >= 0f && float.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(parameterName, value, $"Parameter '{parameterName}' must be finite and non-negative.");
        }
    }

    /// <summary>Requires a finite value &gt; 0.</summary>
    public static void Positive(float value, string parameterName)
    {
        if (!(value > 0f && float.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(parameterName, value, $"Parameter '{parameterName}' must be finite and positive.");
        }
    }

    /// <summary>Requires a schedule step ≥ 0.</summary>
    public static void Step(int step, string parameterName)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(parameterName, step, $"Parameter '{parameterName}' must be non-negative; steps count from 0.");
        }
    }
}
