using System.Globalization;

namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// The regular spacing of a series' timestamps: a whole number of calendar months (monthly, quarterly, yearly data
/// whose timestamps fall on the same day of the month or on month ends) or a fixed duration.
/// </summary>
internal readonly record struct TimeStep(int Months, long Ticks, bool MonthEnd = false)
{
    /// <summary>Whether the step counts calendar months rather than a fixed duration.</summary>
    public bool IsMonthly => Months > 0;

    /// <summary>The step as a fixed duration; a month counts as 30.44 days.</summary>
    public TimeSpan Approximate => IsMonthly ? TimeSpan.FromDays(30.436875 * Months) : TimeSpan.FromTicks(Ticks);

    /// <summary>
    /// Infers the step of strictly increasing timestamps as their most common spacing, or returns null for fewer than two.
    /// Throws an <see cref="ArgumentException"/> naming the row when timestamps repeat, go back in time or are not a
    /// whole number of steps apart.
    /// </summary>
    public static TimeStep? Infer(DateTime[] timestamps, string seriesId)
    {
        RequireIncreasing(timestamps, seriesId);
        if (timestamps.Length < 2)
        {
            return null;
        }

        var anchor = MonthAnchor(timestamps);
        bool monthly = anchor is not null;
        var counts = new Dictionary<long, int>();
        for (int i = 1; i < timestamps.Length; i++)
        {
            long difference = monthly ? MonthIndex(timestamps[i]) - MonthIndex(timestamps[i - 1]) : (timestamps[i] - timestamps[i - 1]).Ticks;
            counts[difference] = counts.GetValueOrDefault(difference) + 1;
        }

        long mode = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).First().Key;
        var step = monthly ? new TimeStep((int)mode, 0, anchor!.Value) : new TimeStep(0, mode);
        for (int i = 1; i < timestamps.Length; i++)
        {
            step.StepsFrom(timestamps[0], timestamps[i], seriesId, i, timestamps[i - 1]);
        }

        return step;
    }

    /// <summary>Throws naming the row when <paramref name="timestamps"/> repeat or go back in time.</summary>
    public static void RequireIncreasing(DateTime[] timestamps, string seriesId)
    {
        for (int i = 1; i < timestamps.Length; i++)
        {
            if (timestamps[i] == timestamps[i - 1])
            {
                throw new ArgumentException(
                    $"Series '{seriesId}' has the duplicate timestamp {Format(timestamps[i])} at rows {i - 1} and {i}; each timestamp may appear only once.",
                    nameof(timestamps));
            }

            if (timestamps[i] < timestamps[i - 1])
            {
                throw new ArgumentException(
                    $"Series '{seriesId}' has the timestamp {Format(timestamps[i])} at row {i}, earlier than {Format(timestamps[i - 1])} at row {i - 1}; timestamps must increase.",
                    nameof(timestamps));
            }
        }
    }

    /// <summary>The time <paramref name="steps"/> steps after <paramref name="start"/>.</summary>
    public DateTime Advance(DateTime start, long steps) =>
        IsMonthly ? AddMonths(start, checked((int)(steps * Months))) : start.AddTicks(checked(steps * Ticks));

    /// <summary>
    /// Number of steps from <paramref name="origin"/> to the timestamp at <paramref name="row"/>; throws naming the row
    /// when it is not a whole number of steps after <paramref name="previous"/>.
    /// </summary>
    public long StepsFrom(DateTime origin, DateTime timestamp, string seriesId, int row, DateTime previous)
    {
        long gap = IsMonthly ? MonthIndex(timestamp) - MonthIndex(previous) : (timestamp - previous).Ticks;
        long unit = IsMonthly ? Months : Ticks;
        bool onGrid = !IsMonthly || (timestamp.TimeOfDay == origin.TimeOfDay && (MonthEnd ? IsMonthEnd(timestamp) : timestamp.Day == origin.Day));
        if (gap <= 0 || gap % unit != 0 || !onGrid)
        {
            throw new ArgumentException(
                $"Series '{seriesId}' has the timestamp {Format(timestamp)} at row {row}, {Describe(timestamp, previous)} after {Format(previous)} at row {row - 1}; " +
                $"timestamps must be regular, a whole number of steps of {this} apart.",
                "timestamps");
        }

        return IsMonthly ? (MonthIndex(timestamp) - MonthIndex(origin)) / Months : (timestamp - origin).Ticks / Ticks;
    }

    /// <inheritdoc />
    public override string ToString() => IsMonthly
        ? Months == 1 ? "1 month" : $"{Months} months"
        : TimeSpan.FromTicks(Ticks).ToString("c", CultureInfo.InvariantCulture);

    /// <summary>Writes the step as "months:N" or "ticks:N" for model files.</summary>
    public string Serialize() => IsMonthly ? $"{(MonthEnd ? "monthends" : "months")}:{Months}" : $"ticks:{Ticks.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Reads what <see cref="Serialize"/> wrote.</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not a step of at least one tick or month (and at most 10,000 years).</exception>
    public static TimeStep Deserialize(string text)
    {
        var parts = text.Split(':');
        long amount = 0;
        bool valid = parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out amount) && amount >= 1;
        return valid && parts[0] == "ticks" ? new TimeStep(0, amount)
            : valid && parts[0] is "months" or "monthends" && amount <= 12 * 10_000 ? new TimeStep((int)amount, 0, parts[0] == "monthends")
            : throw new FormatException($"'{text}' is not a time step.");
    }

    /// <summary>Formats a timestamp for messages.</summary>
    public static string Format(DateTime timestamp) => timestamp.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Describe(DateTime timestamp, DateTime previous) =>
        (timestamp - previous).ToString("c", CultureInfo.InvariantCulture);

    private static long MonthIndex(DateTime t) => t.Year * 12L + t.Month - 1;

    private static bool IsMonthEnd(DateTime t) => t.Day == DateTime.DaysInMonth(t.Year, t.Month);

    /// <summary>
    /// Whether most timestamps fall on the first one's day of the month (false) or on month ends (true), at the same time
    /// of day, so that the series steps in calendar months; null otherwise.
    /// </summary>
    private static bool? MonthAnchor(DateTime[] timestamps)
    {
        var first = timestamps[0];
        int sameDay = 0, monthEnds = 0;
        foreach (var t in timestamps)
        {
            sameDay += t.Day == first.Day && t.Day <= 28 && t.TimeOfDay == first.TimeOfDay ? 1 : 0;
            monthEnds += IsMonthEnd(t) && t.TimeOfDay == first.TimeOfDay ? 1 : 0;
        }

        bool distinctMonths = MonthIndex(timestamps[1]) != MonthIndex(first);
        return !distinctMonths ? null : 2 * sameDay > timestamps.Length ? false : 2 * monthEnds > timestamps.Length ? true : null;
    }

    private DateTime AddMonths(DateTime start, int months)
    {
        var moved = start.AddMonths(months);
        return MonthEnd ? new DateTime(moved.Year, moved.Month, DateTime.DaysInMonth(moved.Year, moved.Month), 0, 0, 0, start.Kind).Add(start.TimeOfDay) : moved;
    }
}
