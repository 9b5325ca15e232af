using Microsoft.ML.Recurrent.Forecasting;

namespace Microsoft.ML.Recurrent.Examples.Forecasting;

/// <summary>Prints metrics side by side.</summary>
public static class Report
{
    /// <summary>Prints a table header.</summary>
    public static void Header() =>
        Console.WriteLine($"  {"method",-16} {"MAE",10} {"RMSE",10} {"MAPE %",8} {"sMAPE %",8} {"MASE",7} {"coverage",9}");

    /// <summary>Prints one row.</summary>
    public static void Row(string method, ForecastMetrics m) =>
        Console.WriteLine($"  {method,-16} {m.Mae,10:F3} {m.Rmse,10:F3} {m.Mape,8:F2} {m.Smape,8:F2} {m.Mase,7:F3} {(double.IsNaN(m.Coverage) ? "" : m.Coverage.ToString("P0")),9}");

    /// <summary>Prints the model and both baselines for one forecast.</summary>
    public static void Compare(float[] actual, Forecast forecast, IReadOnlyList<float> history, int period)
    {
        Header();
        Row("recurrent", ForecastMetrics.Compute(actual, forecast.Point, history, period, forecast.Lower, forecast.Upper));
        Row("naive", ForecastMetrics.Compute(actual, Baselines.Naive(history, actual.Length), history, period));
        Row($"seasonal naive", ForecastMetrics.Compute(actual, Baselines.SeasonalNaive(history, actual.Length, period), history, period));
    }

    /// <summary>Prints a backtest's mean metrics.</summary>
    public static void Compare(BacktestResult result)
    {
        Header();
        Row("recurrent", result.Model);
        Row("naive", result.Naive);
        Row("seasonal naive", result.SeasonalNaive);
    }
}
