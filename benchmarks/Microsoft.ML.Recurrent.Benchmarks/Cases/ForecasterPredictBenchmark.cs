using Microsoft.ML.Recurrent.Forecasting;

namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>
/// One 30-day forecast (the whole ensemble, with quantiles) of the default forecaster's architecture on the daily
/// minimum temperatures, as a PredictionEngine or forecast engine makes it. The model is trained for two epochs only:
/// the weights do not change the cost. Reports microseconds per forecast.
/// </summary>
internal sealed class ForecasterPredictBenchmark : BenchmarkCase
{
    public override string Name => "predict-forecaster";

    public override string Kind => "predict";

    public override IReadOnlyList<(string Field, double Value)> Run()
    {
        var training = ForecasterFitBenchmark.TrainingSeries();
        var model = Forecaster.Fit([training], new ForecasterOptions { Horizon = 30, Epochs = 2 });
        double seconds = SecondsPerCall(() => model.Predict(training));
        return [("us_per_call", seconds * 1e6), ("members", model.EnsembleSize)];
    }
}
