using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Recurrent.Forecasting;

namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>
/// Fits the default forecaster (only the horizon set) on the training part of the daily minimum temperatures: every
/// row but the last 30, which are the held-out horizon. Reports the wall-clock seconds of one fit, and the epochs run
/// by the epoch search and by each ensemble member (the PyTorch peer replays that schedule).
/// </summary>
internal sealed class ForecasterFitBenchmark : BenchmarkCase
{
    private const int Horizon = 30;

    public override string Name => "fit-forecaster-daily-temps";

    public override string Kind => "fit";

    public override IReadOnlyList<(string Field, double Value)> Run()
    {
        var training = TrainingSeries();
        int searchEpochs = 0;
        var options = new ForecasterOptions
        {
            Horizon = Horizon,
            Progress = p => searchEpochs = p.Search ? p.Epoch.Epoch : searchEpochs,
        };
        var watch = Stopwatch.StartNew();
        var model = Forecaster.Fit([training], options);
        double seconds = watch.Elapsed.TotalSeconds;
        return [("seconds", seconds), ("search_epochs", searchEpochs), ("member_epochs", model.TrainedEpochs), ("members", model.EnsembleSize)];
    }

    /// <summary>The daily minimum temperatures without the held-out horizon.</summary>
    internal static TimeSeriesData TrainingSeries()
    {
        var rows = File.ReadLines(DataFiles.Find("daily-min-temperatures", "daily-min-temperatures.csv")).Skip(1).Select(line => line.Split(',')).ToList();
        var timestamps = rows.Select(r => DateTime.ParseExact(r[0].Trim('"'), "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray();
        var values = rows.Select(r => float.Parse(r[1], CultureInfo.InvariantCulture)).ToArray();
        return new TimeSeriesData("temperatures", values[..^Horizon], timestamps[..^Horizon]);
    }
}
