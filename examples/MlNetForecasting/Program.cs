using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Recurrent;
using Microsoft.ML.Recurrent.Forecasting;

// Forecast the last 12 months of the airline-passengers series with an ML.NET pipeline: the LSTM forecaster of
// Microsoft.ML.Recurrent, trained on the first 132 months and scored on the held-out 12, beside the classical
// baselines on the same split. Usage: dotnet run -c Release --project examples/MlNetForecasting
// (ML.NET's own ForecastBySsa needs Microsoft.ML.TimeSeries: see examples/MlNetForecastingSsa.)
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int Horizon = 12;
var mlContext = new MLContext(seed: 1);
var all = mlContext.Data.LoadFromTextFile<MonthlyPassengers>(
    Path.Combine(AppContext.BaseDirectory, "data", "airline-passengers.csv"), hasHeader: true, separatorChar: ',', allowQuoting: true);
int trainSize = mlContext.Data.CreateEnumerable<MonthlyPassengers>(all, reuseRowObject: true).Count() - Horizon;
var train = mlContext.Data.TakeRows(all, trainSize);
float[] actual = mlContext.Data.CreateEnumerable<MonthlyPassengers>(mlContext.Data.SkipRows(all, trainSize), reuseRowObject: false)
    .Select(r => r.Passengers).ToArray();
float[] history = mlContext.Data.CreateEnumerable<MonthlyPassengers>(train, reuseRowObject: false).Select(r => r.Passengers).ToArray();

// The LSTM forecaster: ForecastBySsa's call shape, plus the timestamp column (regular months, seasonal period detected).
var lstm = mlContext.Forecasting.ForecastByLstm(
        outputColumnName: nameof(PassengerForecast.Forecast), inputColumnName: nameof(MonthlyPassengers.Passengers), horizon: Horizon,
        confidenceLowerBoundColumn: nameof(PassengerForecast.Lower), confidenceUpperBoundColumn: nameof(PassengerForecast.Upper),
        confidenceLevel: 0.8f, timestampColumnName: nameof(MonthlyPassengers.Month))
    .Fit(train);
using var engine = lstm.CreateForecastEngine<MonthlyPassengers, PassengerForecast>(mlContext);
var lstmForecast = engine.Predict();

// Save and load with ML.NET's own Model.Save and Model.Load, then the same forecast from the reloaded model. (Saving
// registers the library's loader in this MLContext; another process calls
// mlContext.ComponentCatalog.RegisterRecurrentTransformers() before Model.Load.)
string path = Path.Combine(Path.GetTempPath(), "airline-lstm.zip");
mlContext.Model.Save(lstm, train.Schema, path);
var reloaded = (LstmForecastingTransformer)mlContext.Model.Load(path, out _);
using var reloadedEngine = reloaded.CreateForecastEngine<MonthlyPassengers, PassengerForecast>(mlContext);
bool identical = reloadedEngine.Predict().Forecast.SequenceEqual(lstmForecast.Forecast);

Console.WriteLine($"Airline passengers: trained on {trainSize} months, forecasting the last {Horizon}.");
Console.WriteLine();
Console.WriteLine("| method | MAE | RMSE | sMAPE % | MASE | 80% interval coverage |");
Console.WriteLine("|---|---|---|---|---|---|");
Report("ForecastByLstm (Microsoft.ML.Recurrent)", lstmForecast);
Report("seasonal naive (last year)", new PassengerForecast { Forecast = Baselines.SeasonalNaive(history, Horizon, period: 12) });
Report("naive (last month)", new PassengerForecast { Forecast = Baselines.Naive(history, Horizon) });
Console.WriteLine();
Console.WriteLine($"Reloaded model from {path}: forecasts {(identical ? "bit-identical" : "DIFFERENT")}.");
Console.WriteLine($"{"month",-8} {"actual",7} {"LSTM",7}");
for (int i = 0; i < Horizon; i++)
{
    Console.WriteLine($"{i + 1,-8} {actual[i],7:F0} {lstmForecast.Forecast[i],7:F0}");
}

void Report(string name, PassengerForecast forecast)
{
    bool bounds = forecast.Lower.Length == Horizon;
    var m = ForecastMetrics.Compute(actual, forecast.Forecast, history, seasonalPeriod: 12, bounds ? forecast.Lower : null, bounds ? forecast.Upper : null);
    Console.WriteLine($"| {name} | {m.Mae:F1} | {m.Rmse:F1} | {m.Smape:F2} | {m.Mase:F2} | {(bounds ? $"{m.Coverage:P0}" : "")} |");
}
