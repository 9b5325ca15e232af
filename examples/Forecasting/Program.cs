using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Recurrent.Examples.Forecasting;
using Microsoft.ML.Recurrent.Forecasting;

// Forecasts the example datasets with default options (only the horizon set) and prints the model's errors beside the
// naive and seasonal naive baselines on held-out data.
// Usage: dotnet run -c Release --project examples/Forecasting -- <airline|temperatures|sunspots|sp500|pm25|all>
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var examples = new Dictionary<string, Action>
{
    ["airline"] = () => Holdout(DataSets.Airline(), horizon: 12, period: 12, "monthly, yearly season"),
    ["temperatures"] = Temperatures,
    ["sunspots"] = () => Holdout(DataSets.Sunspots(), horizon: 24, period: 132, "monthly; the ~11-year solar cycle, 132 months, as the season"),
    ["sp500"] = Sp500,
    ["pm25"] = Pm25,
};
string which = args.Length == 1 ? args[0] : "";
if (which != "all" && !examples.ContainsKey(which))
{
    Console.Error.WriteLine($"Usage: dotnet run -c Release --project examples/Forecasting -- <{string.Join('|', examples.Keys)}|all>");
    return 2;
}

foreach (var (name, run) in examples.Where(e => which == "all" || e.Key == which))
{
    var watch = Stopwatch.StartNew();
    run();
    Console.WriteLine($"  ({name}: {watch.Elapsed.TotalSeconds:F1} s)");
    Console.WriteLine();
}

return 0;

// Holds out the last `horizon` values, fits on the rest and compares the forecast with the baselines.
static Forecaster Holdout(TimeSeriesData series, int horizon, int period, string note)
{
    int train = series.Length - horizon;
    var history = Head(series, train);
    var model = Forecaster.Fit([history], new ForecasterOptions { Horizon = horizon });
    Console.WriteLine($"{series.Id}: {note}. Trained on {train} points ({Time(series, 0)} .. {Time(series, train - 1)}), " +
                      $"held out the last {horizon} ({Time(series, train)} .. {Time(series, series.Length - 1)}).");
    Console.WriteLine($"  model: lookback {model.LookbackWindow}, detected period {model.SeasonalPeriod}, log {model.UsesLogTransform}, " +
                      $"{model.EnsembleSize} members × {model.TrainedEpochs} epochs; baselines and MASE use period {period}");
    Report.Compare(series.Values.Skip(train).ToArray(), model.Predict(history), history.Values, period);
    return model;
}

// Daily temperatures: the held-out month, then 80% interval coverage over rolling origins.
static void Temperatures()
{
    var series = DataSets.Temperatures();
    Holdout(series, horizon: 30, period: 365, "daily, yearly season (the two missing leap-year Dec 31 rows are masked)");
    var backtest = Backtest.Run([series], new ForecasterOptions { Horizon = 30 }, windows: 12, seasonalPeriod: 365);
    Console.WriteLine($"  rolling origin: fitted before {Time(series, backtest.Windows[0].Origin)}, then 12 forecasts of 30 days, one per month:");
    Report.Compare(backtest);
}

// S&P 500: next-day close over the last year, updating the state with each new close instead of refitting.
static void Sp500()
{
    var (series, dates) = DataSets.Sp500();
    const int test = 250;
    int train = series.Length - test;
    var model = Forecaster.Fit([Head(series, train)], new ForecasterOptions { Horizon = 1 });
    var state = model.CreateState(Head(series, train));
    var forecast = new float[test];
    var naive = new float[test];
    int rightDirection = 0;
    for (int i = 0; i < test; i++)
    {
        float last = series.Values[train + i - 1], actual = series.Values[train + i];
        forecast[i] = state.Predict().Point[0];
        naive[i] = last;
        rightDirection += Math.Sign(forecast[i] - last) == Math.Sign(actual - last) ? 1 : 0;
        state.Update(actual);
    }

    var actuals = series.Values.Skip(train).ToArray();
    var history = series.Values.Take(train).ToArray();
    Console.WriteLine($"sp500: next-day close. Trained on {train} trading days ({dates[0]:yyyy-MM-dd} .. {dates[train - 1]:yyyy-MM-dd}), " +
                      $"then one-step forecasts for the last {test} ({dates[train]:yyyy-MM-dd} .. {dates[^1]:yyyy-MM-dd}), the state updated with each close.");
    Report.Header();
    Report.Row("recurrent", ForecastMetrics.Compute(actuals, forecast, history, 1));
    Report.Row("naive", ForecastMetrics.Compute(actuals, naive, history, 1));
    int ups = actuals.Select((a, i) => a > (i == 0 ? history[^1] : actuals[i - 1]) ? 1 : 0).Sum();
    Console.WriteLine($"  next-day direction accuracy: {rightDirection / (double)test:P1} (always guessing \"up\": {ups / (double)test:P1})");
}

// Beijing PM2.5: hourly with missing values and weather covariates, 24 hours ahead from each of the last 14 days.
static void Pm25()
{
    var series = DataSets.Pm25(hours: 2 * 365 * 24);
    const int days = 14;
    var options = new ForecasterOptions { Horizon = 24 };
    var backtest = Backtest.Run([series], options, windows: days, seasonalPeriod: 24);
    int missing = series.Values.Count(float.IsNaN);
    Console.WriteLine($"pm25: hourly PM2.5 ({missing} of {series.Length} values missing, masked), weather columns as past covariates. " +
                      $"Fitted on the hours before {Time(series, backtest.Windows[0].Origin)}, then {days} forecasts of the next 24 hours, one per day:");
    Report.Compare(backtest);
}

static TimeSeriesData Head(TimeSeriesData series, int rows) => new(
    series.Id, series.Values.Take(rows).ToArray(), series.Timestamps?.Take(rows).ToArray(),
    series.PastCovariateCount > 0 ? Rows(series.GetPastCovariates(), rows) : null);

static float[,] Rows(float[,] matrix, int rows)
{
    var result = new float[rows, matrix.GetLength(1)];
    Array.Copy(matrix, result, rows * matrix.GetLength(1));
    return result;
}

static string Time(TimeSeriesData series, int row) => series.Timestamps is { } t ? t[row].ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture).Replace(" 00:00", "") : $"row {row}";
