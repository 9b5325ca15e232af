using System.Globalization;
using Microsoft.ML.Recurrent.Forecasting;

namespace Microsoft.ML.Recurrent.Examples.Forecasting;

/// <summary>Loads the example datasets (examples/data, copied next to the program) as <see cref="TimeSeriesData"/>.</summary>
public static class DataSets
{
    private static string Path(string folder, string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "data", folder, file);

    /// <summary>Monthly airline passengers 1949–1960, with monthly timestamps.</summary>
    public static TimeSeriesData Airline() => Simple("airline", "airline-passengers", "airline-passengers.csv", "yyyy-MM");

    /// <summary>Daily minimum temperatures in Melbourne 1981–1990 (two leap-year Dec 31 rows are absent and become missing values).</summary>
    public static TimeSeriesData Temperatures() => Simple("temperatures", "daily-min-temperatures", "daily-min-temperatures.csv", "yyyy-MM-dd");

    /// <summary>Monthly sunspot numbers 1749–1983.</summary>
    public static TimeSeriesData Sunspots() => Simple("sunspots", "monthly-sunspots", "monthly-sunspots.csv", "yyyy-MM");

    /// <summary>Daily S&amp;P 500 closes 2000–2018, as a sequence of trading days (no timestamps: weekends are not gaps).</summary>
    public static (TimeSeriesData Series, DateTime[] Dates) Sp500()
    {
        var rows = File.ReadLines(Path("sp500-daily", "sp500.csv")).Skip(1).Select(line => line.Split(',')).ToList();
        var dates = rows.Select(r => DateTime.ParseExact(r[0], "dd-MM-yy", CultureInfo.InvariantCulture)).ToArray();
        var close = rows.Select(r => float.Parse(r[4], CultureInfo.InvariantCulture)).ToArray();
        return (new TimeSeriesData("sp500", close), dates);
    }

    /// <summary>
    /// Hourly Beijing PM2.5 with missing values ("NA"); past covariates are the weather columns DEWP, TEMP, PRES, Iws,
    /// Is, Ir and the wind direction one-hot (NE, NW, SE; "cv" is all zeros). Only the last <paramref name="hours"/> rows are kept.
    /// </summary>
    public static TimeSeriesData Pm25(int hours)
    {
        var rows = File.ReadLines(Path("beijing-pm25-multivariate", "pollution.csv")).Skip(1).Select(line => line.Split(',')).TakeLast(hours).ToList();
        var timestamps = rows.Select(r => new DateTime(Int(r[1]), Int(r[2]), Int(r[3]), Int(r[4]), 0, 0)).ToArray();
        var values = rows.Select(r => r[5] == "NA" ? float.NaN : Float(r[5])).ToArray();
        string[] winds = ["NE", "NW", "SE"];
        var covariates = new float[rows.Count, 9];
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            float[] row = [Float(r[6]), Float(r[7]), Float(r[8]), Float(r[10]), Float(r[11]), Float(r[12]), .. winds.Select(w => r[9] == w ? 1f : 0f)];
            for (int c = 0; c < row.Length; c++)
            {
                covariates[i, c] = row[c];
            }
        }

        return new TimeSeriesData("pm25", values, timestamps, pastCovariates: covariates);
    }

    private static TimeSeriesData Simple(string id, string folder, string file, string format)
    {
        var rows = File.ReadLines(Path(folder, file)).Skip(1).Select(line => line.Split(',')).ToList();
        var timestamps = rows.Select(r => DateTime.ParseExact(r[0].Trim('"'), format, CultureInfo.InvariantCulture)).ToArray();
        var values = rows.Select(r => Float(r[1])).ToArray();
        return new TimeSeriesData(id, values, timestamps);
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static float Float(string text) => float.Parse(text, CultureInfo.InvariantCulture);
}
