using System.Globalization;
using Microsoft.ML.Recurrent.Forecasting;

namespace Microsoft.ML.Recurrent.Forecasting.Tests;

/// <summary>Series for the tests: the example datasets copied next to the tests, and seeded synthetic ones.</summary>
internal static class TestSeries
{
    /// <summary>Options that train in well under a second, for tests of behaviour rather than accuracy.</summary>
    public static ForecasterOptions Quick(int horizon) => new()
    {
        Horizon = horizon,
        HiddenSize = 8,
        Epochs = 3,
        EnsembleSize = 2,
        EarlyStoppingPatience = 2,
    };

    /// <summary>Monthly airline passengers 1949–1960 with monthly timestamps.</summary>
    public static TimeSeriesData Airline() => Csv("airline", "airline-passengers", "yyyy-MM");

    /// <summary>Daily minimum temperatures in Melbourne 1981–1990 with daily timestamps (two rows absent).</summary>
    public static TimeSeriesData Temperatures() => Csv("temperatures", "daily-min-temperatures", "yyyy-MM-dd");

    /// <summary>
    /// A noisy seasonal series: level + amplitude·sin(2π(t + phase)/period) + slope·t + Gaussian noise, with daily
    /// timestamps from 2020-01-01 when <paramref name="timestamps"/> is set.
    /// </summary>
    public static TimeSeriesData Seasonal(
        string id, int length, int period = 12, float level = 10f, float amplitude = 3f, float phase = 0f, float noise = 0.3f, float slope = 0f, int seed = 1, bool timestamps = false)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int t = 0; t < length; t++)
        {
            double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            values[t] = (float)(level + amplitude * Math.Sin(2 * Math.PI * (t + phase) / period) + slope * t + noise * gaussian);
        }

        return new TimeSeriesData(id, values, timestamps ? Daily(length) : null);
    }

    /// <summary><paramref name="count"/> consecutive days from 2020-01-01.</summary>
    public static DateTime[] Daily(int count, int start = 0) =>
        Enumerable.Range(start, count).Select(d => new DateTime(2020, 1, 1).AddDays(d)).ToArray();

    private static TimeSeriesData Csv(string id, string name, string format)
    {
        var rows = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", name, name + ".csv")).Skip(1).Select(l => l.Split(',')).ToList();
        return new TimeSeriesData(
            id,
            rows.Select(r => float.Parse(r[1], CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => DateTime.ParseExact(r[0].Trim('"'), format, CultureInfo.InvariantCulture)).ToArray());
    }

    /// <summary>The first <paramref name="rows"/> rows of <paramref name="series"/>.</summary>
    public static TimeSeriesData Head(TimeSeriesData series, int rows) => series.Head(rows);
}
