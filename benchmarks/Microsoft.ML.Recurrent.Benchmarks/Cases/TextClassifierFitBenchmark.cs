using System.Diagnostics;
using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>
/// Trains the default text classifier (every option at its default but two epochs and no validation split) on all
/// 10,662 MR sentences. Reports the faster epoch in <c>seconds</c> (the first also pays for the JIT), the first epoch,
/// and the whole fit with tokenization and vocabulary.
/// </summary>
internal sealed class TextClassifierFitBenchmark : BenchmarkCase
{
    public override string Name => "fit-textclassifier-mr";

    public override string Kind => "fit";

    public override IReadOnlyList<(string Field, double Value)> Run()
    {
        var (texts, labels) = MovieReviews.Load();
        var epochs = new List<double>();
        var options = new TextClassifierOptions { Epochs = 2, ValidationFraction = 0f, Progress = p => epochs.Add(p.Elapsed.TotalSeconds) };
        var watch = Stopwatch.StartNew();
        TextClassifier.Fit(texts, labels, 2, options);
        double fitSeconds = watch.Elapsed.TotalSeconds;
        return [("seconds", epochs.Min()), ("first_epoch_seconds", epochs[0]), ("fit_seconds", fitSeconds), ("sentences", texts.Length)];
    }
}
