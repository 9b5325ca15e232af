namespace Microsoft.ML.Recurrent.Translation;

/// <summary>
/// How the teacher-forcing ratio (the probability that the decoder reads the reference token rather than its own
/// previous prediction) changes over the epochs e = 0, 1, …: scheduled sampling (Bengio et al. 2015).
/// </summary>
public enum TeacherForcingSchedule
{
    /// <summary>ratio = start in every epoch.</summary>
    Constant,

    /// <summary>ratio = max(minimum, start − decay·e).</summary>
    Linear,

    /// <summary>ratio = max(minimum, start·decayᵉ), with decay in (0, 1].</summary>
    Exponential,

    /// <summary>ratio = max(minimum, start·k / (k + exp(e / k))) with k = decay ≥ 1.</summary>
    InverseSigmoid,
}
