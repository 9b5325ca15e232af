using System.Globalization;
using Microsoft.ML.Recurrent.Examples.AddingProblem;

// The adding problem at sequence length 100: LSTM and GRU learn it, a simple RNN does not, and gradient
// clipping keeps training from diverging. Usage: dotnet run -c Release --project examples/AddingProblem [-- --length N]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int length = args.Length == 2 && args[0] == "--length" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
Console.WriteLine($"Adding problem, T = {length}. Always predicting the mean scores MSE {AddingProblemExperiment.MeanBaselineMse:F3}.");

var rows = new List<(string Run, AddingProblemResult Result)>();
void Report(string run, AddingProblemSettings settings)
{
    Console.WriteLine();
    Console.WriteLine($"{run}: hidden {settings.HiddenSize}, {settings.Optimizer} lr {settings.LearningRate}, clip {(settings.ClipNorm > 0 ? settings.ClipNorm : "off")}, {settings.Epochs} epochs × {settings.BatchesPerEpoch} batches of {settings.BatchSize}");
    var result = AddingProblemExperiment.Run(settings, p => Console.WriteLine(
        $"  epoch {p.Epoch,2}: train MSE {p.TrainingLoss:F4}, test MSE {p.ValidationLoss:F4}, gradient norm {p.GradientNorm:F3}, {p.Elapsed.TotalSeconds:F1} s"));
    if (result.Divergence is not null)
    {
        Console.WriteLine("  " + result.Divergence);
    }

    rows.Add((run, result));
}

foreach (var cell in new[] { "lstm", "gru", "rnn" })
{
    Report(cell.ToUpperInvariant(), new AddingProblemSettings { Cell = cell, SequenceLength = length });
}

// Gradient clipping. Plain SGD with a large step explodes without clipping; Adam's normalised steps do not
// overflow, but without clipping the large-step run never learns.
Report("LSTM, SGD lr 0.5, no clipping", new() { SequenceLength = length, Optimizer = "sgd", LearningRate = 0.5f, ClipNorm = 0f, Epochs = 8 });
Report("LSTM, SGD lr 0.5, clip 1", new() { SequenceLength = length, Optimizer = "sgd", LearningRate = 0.5f, ClipNorm = 1f, Epochs = 8 });
Report("LSTM, Adam lr 0.05, no clipping", new() { SequenceLength = length, LearningRate = 0.05f, ClipNorm = 0f, Epochs = 10 });
Report("LSTM, Adam lr 0.05, clip 1", new() { SequenceLength = length, LearningRate = 0.05f, ClipNorm = 1f, Epochs = 10 });

Console.WriteLine();
Console.WriteLine("| run | best test MSE | of mean baseline | time |");
Console.WriteLine("|---|---|---|---|");
foreach (var (run, result) in rows)
{
    string mse = result.Divergence is null ? $"{result.TestMse:F4}" : "diverged";
    string share = result.Divergence is null ? $"{result.TestMse / AddingProblemExperiment.MeanBaselineMse:P1}" : result.Divergence[..result.Divergence.IndexOf(':')];
    Console.WriteLine($"| {run} | {mse} | {share} | {result.Elapsed.TotalSeconds:F0} s |");
}
