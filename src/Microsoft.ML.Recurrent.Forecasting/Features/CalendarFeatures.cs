namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// Calendar features generated from timestamps, each a sine/cosine pair so that the end of a cycle meets its start:
/// hour of day and day of week for sub-daily data, day of week and day of year for daily data, day of year for weekly
/// data and month of year for monthly and quarterly data. They are known for the horizon, so they enter the model as
/// future covariates.
/// </summary>
internal static partial class CalendarFeatures
{
    private enum Cycle
    {
        HourOfDay,
        DayOfWeek,
        DayOfYear,
        MonthOfYear,
    }

    /// <summary>Number of features for data with <paramref name="step"/>.</summary>
    public static int Count(TimeStep step) => 2 * Cycles(step).Length;

    /// <summary>Writes the features of <paramref name="time"/> into <paramref name="destination"/> (length <see cref="Count"/>).</summary>
    public static void Write(DateTime time, TimeStep step, Span<float> destination)
    {
        var cycles = Cycles(step);
        for (int i = 0; i < cycles.Length; i++)
        {
            double phase = cycles[i] switch
            {
                Cycle.HourOfDay => time.TimeOfDay.TotalHours / 24.0,
                Cycle.DayOfWeek => ((int)time.DayOfWeek + time.TimeOfDay.TotalDays) / 7.0,
                Cycle.DayOfYear => (time.DayOfYear - 1) / (DateTime.IsLeapYear(time.Year) ? 366.0 : 365.0),
                _ => (time.Month - 1) / 12.0,
            };
            destination[2 * i] = (float)Math.Sin(2 * Math.PI * phase);
            destination[2 * i + 1] = (float)Math.Cos(2 * Math.PI * phase);
        }
    }

    private static Cycle[] Cycles(TimeStep step)
    {
        if (step.IsMonthly)
        {
            return step.Months < 12 ? [Cycle.MonthOfYear] : [];
        }

        var span = TimeSpan.FromTicks(step.Ticks);
        return span < TimeSpan.FromDays(1) ? [Cycle.HourOfDay, Cycle.DayOfWeek]
            : span < TimeSpan.FromDays(7) ? [Cycle.DayOfWeek, Cycle.DayOfYear]
            : span < TimeSpan.FromDays(365) ? [Cycle.DayOfYear]
            : [];
    }
}
