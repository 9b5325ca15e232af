using System.Globalization;

namespace Microsoft.ML.Recurrent.Onnx.Tests;

/// <summary>The real data the export tests train and compare on, from examples/data (copied next to the test assembly).</summary>
internal static class RealData
{
    private static readonly Lazy<(string[] Texts, int[] Labels)> MovieReviews = new(() =>
    {
        var negative = File.ReadAllLines(Path("rt-polarity", "rt-polarity.neg"));
        var positive = File.ReadAllLines(Path("rt-polarity", "rt-polarity.pos"));
        var texts = new List<string>();
        var labels = new List<int>();
        for (int i = 0; i < Math.Min(negative.Length, positive.Length); i++)
        {
            texts.Add(negative[i]);
            labels.Add(0);
            texts.Add(positive[i]);
            labels.Add(1);
        }

        return (texts.ToArray(), labels.ToArray());
    });

    /// <summary>MR movie-review sentences (Pang &amp; Lee 2005), negative and positive alternating: the first 2,000 for training.</summary>
    public static (string[] Texts, int[] Labels) ReviewTraining => (MovieReviews.Value.Texts[..2000], MovieReviews.Value.Labels[..2000]);

    /// <summary>1,000 further MR sentences, for comparing predictions.</summary>
    public static string[] ReviewTest => MovieReviews.Value.Texts[2000..3000];

    /// <summary>The labels of <see cref="ReviewTest"/>.</summary>
    public static int[] ReviewTestLabels => MovieReviews.Value.Labels[2000..3000];

    /// <summary>The first 300,000 characters of tinyshakespeare.</summary>
    public static string Shakespeare => Shakespeares.Value;

    private static readonly Lazy<string> Shakespeares = new(() => File.ReadAllText(Path("tinyshakespeare", "input.txt"))[..300_000]);

    /// <summary>English-Russian Tatoeba pairs of at most 8 English words, in file order after a seeded shuffle.</summary>
    public static (string English, string Russian)[] EnglishRussian => Pairs.Value;

    private static readonly Lazy<(string, string)[]> Pairs = new(() =>
    {
        var pairs = File.ReadLines(Path("eng-rus-tatoeba", "eng-rus.tsv"))
            .Select(line => line.Split('\t'))
            .Where(p => p.Length >= 2 && p[0].Split(' ').Length <= 8)
            .Select(p => (p[0], p[1]))
            .ToArray();
        new Random(7).Shuffle(pairs);
        return pairs;
    });

    /// <summary>Monthly airline passengers 1949-1960 (Box &amp; Jenkins): timestamps and values.</summary>
    public static (DateTime[] Times, float[] Values) AirlinePassengers => Csv("airline-passengers", "airline-passengers.csv", "yyyy-MM");

    /// <summary>
    /// Daily minimum temperatures in Melbourne 1981-1990: timestamps and values, on a complete daily grid (the file lacks
    /// two New Year's Eves, filled with the mean of their neighbours, so that its rows are the daily grid an exported model reads).
    /// </summary>
    public static (DateTime[] Times, float[] Values) DailyMinimumTemperatures
    {
        get
        {
            var (times, values) = Csv("daily-min-temperatures", "daily-min-temperatures.csv", "yyyy-MM-dd");
            var filledTimes = new List<DateTime> { times[0] };
            var filled = new List<float> { values[0] };
            for (int i = 1; i < times.Length; i++)
            {
                for (var day = filledTimes[^1].AddDays(1); day < times[i]; day = day.AddDays(1))
                {
                    filledTimes.Add(day);
                    filled.Add((values[i - 1] + values[i]) / 2);
                }

                filledTimes.Add(times[i]);
                filled.Add(values[i]);
            }

            return (filledTimes.ToArray(), filled.ToArray());
        }
    }

    /// <summary>
    /// Hourly Beijing weather from 2010-01-02 (the first 3,000 hours): temperature, dew point and pressure, the hour of day,
    /// and PM2.5 (NaN where the file says NA: 105 of these hours).
    /// </summary>
    public static (DateTime[] Times, float[] Temperature, float[,] DewPointAndPressure, float[,] Hour, float[] Pm25) BeijingWeather
    {
        get
        {
            var rows = File.ReadLines(Path("beijing-pm25-multivariate", "pollution.csv")).Skip(25).Take(3000).Select(l => l.Split(',')).ToArray();
            var past = new float[rows.Length, 2];
            var hour = new float[rows.Length, 1];
            for (int i = 0; i < rows.Length; i++)
            {
                past[i, 0] = float.Parse(rows[i][6], CultureInfo.InvariantCulture);
                past[i, 1] = float.Parse(rows[i][8], CultureInfo.InvariantCulture);
                hour[i, 0] = int.Parse(rows[i][4], CultureInfo.InvariantCulture);
            }

            var times = rows.Select(r => new DateTime(int.Parse(r[1]), int.Parse(r[2]), int.Parse(r[3]), int.Parse(r[4]), 0, 0)).ToArray();
            var pm25 = rows.Select(r => r[5] == "NA" ? float.NaN : float.Parse(r[5], CultureInfo.InvariantCulture)).ToArray();
            return (times, rows.Select(r => float.Parse(r[7], CultureInfo.InvariantCulture)).ToArray(), past, hour, pm25);
        }
    }

    private static (DateTime[], float[]) Csv(string folder, string file, string format)
    {
        var rows = File.ReadLines(Path(folder, file)).Skip(1).Select(l => l.Split(',')).ToArray();
        return (rows.Select(r => DateTime.ParseExact(r[0].Trim('"'), format, CultureInfo.InvariantCulture)).ToArray(),
            rows.Select(r => float.Parse(r[1].Trim('"'), CultureInfo.InvariantCulture)).ToArray());
    }

    /// <summary>The path of a file of examples/data.</summary>
    public static string Path(string folder, string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "data", folder, file);
}
