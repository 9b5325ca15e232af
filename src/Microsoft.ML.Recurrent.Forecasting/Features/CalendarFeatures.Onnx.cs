using Microsoft.ML.Recurrent.Engine.Onnx;

namespace Microsoft.ML.Recurrent.Forecasting;

internal static partial class CalendarFeatures
{
    /// <summary>
    /// Adds <see cref="Write"/> for <paramref name="rows"/> consecutive steps from int64 <paramref name="startTicks"/>
    /// [batch] (<see cref="DateTime.Ticks"/> of the first row) to a graph: returns [batch, rows, <see cref="Count"/>].
    /// Dates come from the ticks as .NET derives them (400/100/4/1-year cycles from 0001-01-01, a Monday).
    /// </summary>
    public static string ExportOnnx(OnnxGraph graph, string startTicks, TimeStep step, int rows)
    {
        var offsets = Enumerable.Range(0, rows).Select(r => (long)r).ToArray();
        var start = graph.Unsqueeze(startTicks, 1); // [batch, 1]
        var features = new List<string>();
        foreach (var cycle in Cycles(step))
        {
            string phase;
            if (cycle == Cycle.MonthOfYear)
            {
                // Month index of each row: the start's month advanced by whole steps of months.
                var (dayOfYear, leap) = DayOfYear(graph, graph.Div(start, graph.Int64sScalar(TimeSpan.TicksPerDay)));
                var months = graph.Constant("row_months", offsets.Select(r => r * step.Months).ToArray(), 1, rows);
                var month = graph.Node("Mod", [graph.Add(MonthIndex(graph, dayOfYear, leap), months), graph.Int64sScalar(12)]);
                phase = graph.Div(graph.Cast(month, OnnxElementType.Double), graph.ScalarDouble(12));
            }
            else
            {
                var ticks = graph.Add(start, graph.Constant("row_ticks", offsets.Select(r => r * step.Ticks).ToArray(), 1, rows));
                var timeOfDay = graph.Cast(graph.Node("Mod", [ticks, graph.Int64sScalar(TimeSpan.TicksPerDay)]), OnnxElementType.Double);
                var days = graph.Div(ticks, graph.Int64sScalar(TimeSpan.TicksPerDay));
                phase = cycle switch
                {
                    Cycle.HourOfDay => graph.Div(graph.Div(timeOfDay, graph.ScalarDouble(TimeSpan.TicksPerHour)), graph.ScalarDouble(24)),
                    Cycle.DayOfWeek => graph.Div(
                        graph.Add(graph.Cast(graph.Node("Mod", [graph.Add(days, graph.Int64sScalar(1)), graph.Int64sScalar(7)]), OnnxElementType.Double), graph.Div(timeOfDay, graph.ScalarDouble(TimeSpan.TicksPerDay))),
                        graph.ScalarDouble(7)),
                    _ => DayOfYearPhase(graph, days),
                };
            }

            var angle = graph.Mul(graph.ScalarDouble(2 * Math.PI), phase);
            features.Add(graph.Unsqueeze(graph.Cast(graph.Node("Sin", [angle]), OnnxElementType.Float), 2));
            features.Add(graph.Unsqueeze(graph.Cast(graph.Node("Cos", [angle]), OnnxElementType.Float), 2));
        }

        return graph.Concat(2, features.ToArray());
    }

    private static string DayOfYearPhase(OnnxGraph graph, string days)
    {
        var (dayOfYear, leap) = DayOfYear(graph, days);
        var length = graph.Where(leap, graph.ScalarDouble(366), graph.ScalarDouble(365));
        return graph.Div(graph.Cast(dayOfYear, OnnxElementType.Double), length);
    }

    /// <summary>The 0-based day of the year and whether the year is a leap year, of int64 days since 0001-01-01.</summary>
    private static (string DayOfYear, string Leap) DayOfYear(OnnxGraph graph, string days)
    {
        string Cycles(ref string n, long length, long? most)
        {
            var count = graph.Div(n, graph.Int64sScalar(length));
            if (most is { } limit)
            {
                count = graph.Node("Min", [count, graph.Int64sScalar(limit)]);
            }

            n = graph.Sub(n, graph.Mul(count, graph.Int64sScalar(length)));
            return count;
        }

        var n = days;
        Cycles(ref n, 146097, null);
        var centuries = Cycles(ref n, 36524, 3);
        var quadrennia = Cycles(ref n, 1461, null);
        var years = Cycles(ref n, 365, 3);
        var leap = graph.Node("And", [
            graph.Node("Equal", [years, graph.Int64sScalar(3)]),
            graph.Node("Or", [graph.Not(graph.Node("Equal", [quadrennia, graph.Int64sScalar(24)])), graph.Node("Equal", [centuries, graph.Int64sScalar(3)])])]);
        return (n, leap);
    }

    /// <summary>The 0-based month of a 0-based day of the year.</summary>
    private static string MonthIndex(OnnxGraph graph, string dayOfYear, string leap)
    {
        long[] common = [31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
        string Count(long[] starts) => graph.ReduceSum(
            graph.Cast(graph.Not(graph.Less(graph.Unsqueeze(dayOfYear, 2), graph.Constant("month_starts", starts, 1, 1, starts.Length))), OnnxElementType.Int64), false, 2);
        return graph.Where(leap, Count(common.Select((d, i) => d + (i >= 1 ? 1 : 0)).ToArray()), Count(common));
    }

}
