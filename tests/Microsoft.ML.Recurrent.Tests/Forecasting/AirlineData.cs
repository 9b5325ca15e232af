using System.Globalization;

namespace Microsoft.ML.Recurrent.Tests.Forecasting;

/// <summary>The airline-passengers series (examples/data/airline-passengers, Box &amp; Jenkins series G) as rows.</summary>
public sealed class MonthlyPassengers
{
    public DateTime Month { get; set; }

    public float Passengers { get; set; }

    public static List<MonthlyPassengers> Load() => File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "airline-passengers", "airline-passengers.csv"))
        .Skip(1)
        .Where(line => line.Length > 0)
        .Select(line => line.Split(','))
        .Select(f => new MonthlyPassengers
        {
            Month = DateTime.ParseExact(f[0].Trim('"'), "yyyy-MM", CultureInfo.InvariantCulture),
            Passengers = float.Parse(f[1], CultureInfo.InvariantCulture),
        })
        .ToList();
}
