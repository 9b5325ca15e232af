using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Recurrent;
using Microsoft.ML.Recurrent.Forecasting;
using Microsoft.ML.Transforms.TimeSeries;

// Forecast the last 12 months of the airline-passengers series with ML.NET pipelines: the LSTM forecaster of
// Microsoft.ML.Recurrent beside ML.NET's own ForecastBySsa, both trained on the first 132 months, scored on the
// held-out 12. Optional example (needs Microsoft.ML.TimeSeries from nuget.org):
//   dotnet run -c Release --project examples/MlNetForecastingSsa
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

// ML.NET's singular spectrum analysis. A window of two seasons (24 months) is the best of a small grid over window
// (12, 24, 36), series length (36 to 132) and rank on this split (sMAPE 3.0%; a 12-month window diverges).
var ssa = mlContext.Forecasting.ForecastBySsa(
        outputColumnName: nameof(PassengerForecast.Forecast), inputColumnName: nameof(MonthlyPassengers.Passengers),
        windowSize: 24, seriesLength: 48, trainSize: trainSize, horizon: Horizon, confidenceLevel: 0.8f,
        confidenceLowerBoundColumn: nameof(PassengerForecast.Lower), confidenceUpperBoundColumn: nameof(PassengerForecast.Upper))
    .Fit(train);
var ssaForecast = ssa.CreateTimeSeriesEngine<MonthlyPassengers, PassengerForecast>(mlContext).Predict();

// The LSTM forecaster: the same call shape, plus the timestamp column (regular months, seasonal period detected).
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

float[] seasonalNaive = Baselines.SeasonalNaive(history, Horizon, period: 12);
Console.WriteLine($"Airline passengers: trained on {trainSize} months, forecasting the last {Horizon}.");
Console.WriteLine();
Console.WriteLine("| method | MAE | RMSE | sMAPE % | MASE | 80% interval coverage |");
Console.WriteLine("|---|---|---|---|---|---|");
Report("ForecastByLstm (Microsoft.ML.Recurrent)", lstmForecast);
Report("ForecastBySsa (ML.NET)", ssaForecast);
Report("seasonal naive (last year)", new PassengerForecast { Forecast = seasonalNaive });
Console.WriteLine();
Console.WriteLine($"Reloaded model from {path}: forecasts {(identical ? "bit-identical" : "DIFFERENT")}.");
Console.WriteLine($"{"month",-8} {"actual",7} {"LSTM",7} {"SSA",7}");
for (int i = 0; i < Horizon; i++)
{
    Console.WriteLine($"{i + 1,-8} {actual[i],7:F0} {lstmForecast.Forecast[i],7:F0} {ssaForecast.Forecast[i],7:F0}");
}

void Report(string name, PassengerForecast forecast)
{
    bool bounds = forecast.Lower.Length == Horizon;
    var m = ForecastMetrics.Compute(actual, forecast.Forecast, history, seasonalPeriod: 12, bounds ? forecast.Lower : null, bounds ? forecast.Upper : null);
    Console.WriteLine($"| {name} | {m.Mae:F1} | {m.Rmse:F1} | {m.Smape:F2} | {m.Mase:F2} | {(bounds ? $"{m.Coverage:P0}" : "")} |");
}
