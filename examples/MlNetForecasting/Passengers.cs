using Microsoft.ML.Data;

/// <summary>One month of the series, as loaded from the CSV.</summary>
public sealed class MonthlyPassengers
{
    [LoadColumn(0)]
    public DateTime Month { get; set; }

    [LoadColumn(1)]
    public float Passengers { get; set; }
}

/// <summary>A 12-month forecast with its 80% interval.</summary>
public sealed class PassengerForecast
{
    public float[] Forecast { get; set; } = [];

    public float[] Lower { get; set; } = [];

    public float[] Upper { get; set; } = [];
}
