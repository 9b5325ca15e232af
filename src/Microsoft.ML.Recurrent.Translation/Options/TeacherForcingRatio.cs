using Microsoft.ML.Recurrent.Engine.Modules;

namespace Microsoft.ML.Recurrent.Translation;

/// <summary>The teacher-forcing ratio of each epoch under a <see cref="TeacherForcingSchedule"/>.</summary>
public static class TeacherForcingRatio
{
    /// <summary>Returns the ratio for epoch <paramref name="epoch"/> (from 0), in [minimum, start].</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="epoch">Epoch index, from 0.</param>
    /// <param name="start">Ratio of epoch 0, in [0, 1].</param>
    /// <param name="decay">Per-epoch decrement (linear), factor (exponential) or k (inverse sigmoid).</param>
    /// <param name="minimum">Floor of the ratio, in [0, 1].</param>
    public static float At(TeacherForcingSchedule schedule, int epoch, float start, float decay = 0f, float minimum = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        double ratio = schedule switch
        {
            TeacherForcingSchedule.Constant => start,
            TeacherForcingSchedule.Linear => start - decay * (double)epoch,
            TeacherForcingSchedule.Exponential => start * Math.Pow(decay, epoch),
            TeacherForcingSchedule.InverseSigmoid => start * decay / (decay + Math.Exp(epoch / (double)decay)),
            _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, "Unknown teacher-forcing schedule."),
        };
        return schedule == TeacherForcingSchedule.Constant ? start : (float)Math.Clamp(ratio, minimum, start);
    }

    /// <summary>The ratio of <paramref name="epoch"/> under the options' schedule.</summary>
    internal static float At(TranslatorOptions options, int epoch) =>
        At(options.TeacherForcing, epoch, options.TeacherForcingStart, options.TeacherForcingDecay, options.TeacherForcingMinimum);

    internal static void Validate(TranslatorOptions options)
    {
        SizeLimits.RequireDefined(options.TeacherForcing, nameof(options.TeacherForcing), nameof(TranslatorOptions));
        if (!(options.TeacherForcingStart >= 0f && options.TeacherForcingStart <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(options.TeacherForcingStart), options.TeacherForcingStart, "TeacherForcingStart must be in [0, 1].");
        }

        if (!(options.TeacherForcingMinimum >= 0f && options.TeacherForcingMinimum <= options.TeacherForcingStart))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options.TeacherForcingMinimum), options.TeacherForcingMinimum, "TeacherForcingMinimum must be in [0, TeacherForcingStart].");
        }

        float decay = options.TeacherForcingDecay;
        bool valid = options.TeacherForcing switch
        {
            TeacherForcingSchedule.Constant => float.IsFinite(decay),
            TeacherForcingSchedule.Linear => decay >= 0f && float.IsFinite(decay),
            TeacherForcingSchedule.Exponential => decay > 0f && decay <= 1f,
            TeacherForcingSchedule.InverseSigmoid => decay >= 1f && float.IsFinite(decay),
            _ => throw new ArgumentOutOfRangeException(nameof(options.TeacherForcing), options.TeacherForcing, "Unknown teacher-forcing schedule."),
        };
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options.TeacherForcingDecay), decay,
                "TeacherForcingDecay must be ≥ 0 for the linear schedule, in (0, 1] for the exponential one and ≥ 1 for the inverse sigmoid.");
        }
    }
}
