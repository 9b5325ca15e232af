using Microsoft.ML.Data;
using Microsoft.ML.Recurrent.Forecasting;
using Microsoft.ML.Recurrent.Tests.Conformance;

namespace Microsoft.ML.Recurrent.Tests.Forecasting;

/// <summary>The LSTM forecaster as an ML.NET estimator, transformer and forecast engine.</summary>
public class LstmForecastingTests
{
    public sealed class PassengerForecast
    {
        [VectorType(12)]
        public float[] Forecast { get; set; } = [];

        [VectorType(12)]
        public float[] Lower { get; set; } = [];

        [VectorType(12)]
        public float[] Upper { get; set; } = [];
    }

    private sealed class TextPassengers
    {
        public DateTime Month { get; set; }

        public string Passengers { get; set; } = string.Empty;
    }

    private readonly MLContext ml = new(seed: 1);
    private readonly List<MonthlyPassengers> rows = MonthlyPassengers.Load();

    private static LstmForecastingOptions Options() => new()
    {
        OutputColumnName = "Forecast",
        InputColumnName = "Passengers",
        TimestampColumnName = "Month",
        ConfidenceLowerBoundColumn = "Lower",
        ConfidenceUpperBoundColumn = "Upper",
        Horizon = 12,
        EnsembleSize = 1,
        Epochs = 15,
    };

    private IDataView Training => ml.Data.LoadFromEnumerable(rows.Take(132));

    [Fact]
    public void PassesTheEstimatorWorkout()
    {
        var invalid = ml.Data.LoadFromEnumerable(rows.Take(40).Select(r => new TextPassengers { Month = r.Month, Passengers = r.Passengers.ToString() }));
        EstimatorConformance.Check(ml, ml.Forecasting.ForecastByLstm(Options()), Training, invalid, "Passengers", PredictInOrder);
    }

    [Fact]
    public void TestRowsContinueFromTheEndOfTraining()
    {
        var model = ml.Forecasting.ForecastByLstm(Options()).Fit(Training);
        var test = ml.Data.LoadFromEnumerable(rows.Skip(132));
        var forecasts = ml.Data.CreateEnumerable<PassengerForecast>(model.Transform(test), reuseRowObject: false).ToList();

        // Row 132 extends the 132 training months, so its forecast is the forecast after months 0..132.
        var history = new TimeSeriesData(string.Empty, rows.Take(133).Select(r => r.Passengers).ToArray(), rows.Take(133).Select(r => r.Month).ToArray());
        Assert.Equal(model.Forecaster.Predict(history).Point, forecasts[0].Forecast);
        Assert.All(forecasts, f => Assert.All(f.Forecast, v => Assert.True(float.IsFinite(v))));
        Assert.All(forecasts, f => Assert.True(f.Lower.Zip(f.Forecast, f.Upper).All(t => t.First <= t.Second && t.Second <= t.Third)));
    }

    [Fact]
    public void TrainingRowsReplayWithMissingForecastsUntilALookbackWindowIsSeen()
    {
        var model = ml.Forecasting.ForecastByLstm(Options()).Fit(Training);
        var forecasts = ml.Data.CreateEnumerable<PassengerForecast>(model.Transform(Training), reuseRowObject: false).ToList();
        int lookback = model.Forecaster.LookbackWindow;
        Assert.All(forecasts.Take(lookback - 1), f => Assert.All(f.Forecast, v => Assert.True(float.IsNaN(v))));
        Assert.All(forecasts.Skip(lookback - 1), f => Assert.All(f.Forecast, v => Assert.True(float.IsFinite(v))));
    }

    [Fact]
    public void EngineForecastsUpdatesAndCheckpoints()
    {
        var model = ml.Forecasting.ForecastByLstm(Options()).Fit(Training);
        using var engine = model.CreateForecastEngine<MonthlyPassengers, PassengerForecast>(ml);
        var atEndOfTraining = engine.Predict();
        var training = new TimeSeriesData(string.Empty, rows.Take(132).Select(r => r.Passengers).ToArray(), rows.Take(132).Select(r => r.Month).ToArray());
        Assert.Equal(model.Forecaster.Predict(training).Point, atEndOfTraining.Forecast);

        // A new observation moves the forecast on by one month; a checkpoint continues from there.
        var updated = engine.Predict(rows[132]);
        Assert.Equal(updated.Forecast, engine.Predict().Forecast);
        Assert.NotEqual(atEndOfTraining.Forecast, updated.Forecast);
        using var checkpoint = new MemoryStream();
        engine.CheckPoint(checkpoint);
        checkpoint.Position = 0;
        var restored = (LstmForecastingTransformer)ml.Model.Load(checkpoint, out _);
        using var restoredEngine = restored.CreateForecastEngine<MonthlyPassengers, PassengerForecast>(ml);
        Assert.Equal(updated.Forecast, restoredEngine.Predict().Forecast);
        Assert.Equal(engine.Predict(rows[133]).Forecast, restoredEngine.Predict(rows[133]).Forecast);
    }

    [Fact]
    public void IrregularTimestampIsAnErrorNamingTheRow()
    {
        var model = ml.Forecasting.ForecastByLstm(Options()).Fit(Training);
        var shuffled = rows.Take(40).ToList();
        (shuffled[30], shuffled[31]) = (shuffled[31], shuffled[30]);
        var error = Assert.Throws<InvalidOperationException>(() => ml.Data.CreateEnumerable<PassengerForecast>(model.Transform(ml.Data.LoadFromEnumerable(shuffled)), false).ToList());
        Assert.Contains("row 31", error.Message);
        Assert.Contains("'Passengers'", error.Message);
    }

    [Fact]
    public void GlobalModelForecastsEverySeriesById()
    {
        var data = Enumerable.Range(0, 3).SelectMany(s => rows.Take(120).Select(r => new StoreSales { Store = $"store-{s}", Month = r.Month, Sales = r.Passengers * (s + 1) })).ToList();
        var options = Options();
        options.InputColumnName = "Sales";
        options.SeriesIdColumnName = "Store";
        var model = ml.Forecasting.ForecastByLstm(options).Fit(ml.Data.LoadFromEnumerable(data));
        using var engine = model.CreateForecastEngine<StoreSales, PassengerForecast>(ml);
        Assert.Equal(["store-0", "store-1", "store-2"], engine.SeriesIds.Order());
        var small = engine.Predict("store-0").Forecast;
        var large = engine.Predict("store-2").Forecast;
        Assert.True(large.Average() > 2 * small.Average(), $"store-2 averages {large.Average()}, store-0 {small.Average()}");
        Assert.Throws<InvalidOperationException>(() => engine.Predict());
    }

    public sealed class StoreSales
    {
        public string Store { get; set; } = string.Empty;

        public DateTime Month { get; set; }

        public float Sales { get; set; }
    }

    private static IReadOnlyList<object[]> PredictInOrder(ITransformer model, IDataView data)
    {
        var context = new MLContext();
        var engine = context.Model.CreatePredictionEngine<MonthlyPassengers, PassengerForecast>(model);
        return context.Data.CreateEnumerable<MonthlyPassengers>(data, reuseRowObject: false)
            .Select(row => engine.Predict(row))
            .Select(p => new object[] { p.Forecast, p.Lower, p.Upper })
            .ToList();
    }
}
