namespace Microsoft.ML.Recurrent.TextGeneration;

/// <summary>How <see cref="CharLanguageModel.Generate"/> draws each next character.</summary>
public sealed class SamplingOptions
{
    /// <summary>Divides the logits before the softmax: below 1 sharper and more conservative, above 1 more varied. Must be &gt; 0. Default 1.</summary>
    public float Temperature { get; set; } = 1f;

    /// <summary>Sample only among the <c>TopK</c> most likely characters; 0 disables. Default 0.</summary>
    public int TopK { get; set; }

    /// <summary>Nucleus sampling: sample among the most likely characters whose probabilities first reach this total, in (0, 1]; 1 disables. Default 1.</summary>
    public float TopP { get; set; } = 1f;

    /// <summary>Seed of the draws: the same seed, model and prefix give the same text. Null draws a fresh seed. Default null.</summary>
    public int? Seed { get; set; }

    /// <summary>Checks the settings and throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid one.</summary>
    public void Validate()
    {
        if (!(Temperature > 0f) || !float.IsFinite(Temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, $"Option 'Temperature' is {Temperature}; it must be a finite value > 0.");
        }

        if (TopK < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TopK), TopK, $"Option 'TopK' is {TopK}; it must be ≥ 0 (0 disables top-k).");
        }

        if (!(TopP > 0f && TopP <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(TopP), TopP, $"Option 'TopP' is {TopP}; it must be in (0, 1] (1 disables top-p).");
        }
    }
}
