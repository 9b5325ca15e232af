using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Recurrent;
using Microsoft.ML.Recurrent.TextGeneration;

// Trains a character-level language model on tinyshakespeare (first 90% for training, last 10% for validation), then
// prints samples at several temperatures, autocompletes a few prefixes and reports validation nats/char, bits/char and
// perplexity.
// Usage: dotnet run -c Release --project examples/TextGeneration -- [--minutes M] [--hidden H] [--layers L] [--cell lstm|gru]
//        [--batch B] [--seq T] [--lr R] [--decay D] [--dropout P] [--tied] [--epochs E] [--save PATH]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = new CharLanguageModelOptions { TimeBudget = TimeSpan.FromMinutes(3) };
string? savePath = null;
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Argument '{args[i]}' needs a value.");
    switch (args[i])
    {
        case "--minutes": options.TimeBudget = TimeSpan.FromMinutes(double.Parse(Next())); break;
        case "--hidden": options.HiddenSize = int.Parse(Next()); break;
        case "--layers": options.NumLayers = int.Parse(Next()); break;
        case "--cell": options.Cell = Enum.Parse<RecurrentCellType>(Next(), ignoreCase: true); break;
        case "--batch": options.BatchSize = int.Parse(Next()); break;
        case "--seq": options.SequenceLength = int.Parse(Next()); break;
        case "--lr": options.LearningRate = float.Parse(Next()); break;
        case "--decay": options.LearningRateDecay = float.Parse(Next()); break;
        case "--dropout": options.Dropout = float.Parse(Next()); break;
        case "--epochs": options.Epochs = int.Parse(Next()); break;
        case "--tied": options.TieEmbeddings = true; break;
        case "--save": savePath = Next(); break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. See the usage line at the top of Program.cs.");
            return 2;
    }
}

string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "tinyshakespeare", "input.txt"));
int cut = (int)(text.Length * 0.9);
string training = text[..cut], validation = text[cut..];
Console.WriteLine($"tinyshakespeare: {training.Length:N0} training and {validation.Length:N0} validation characters");
Console.WriteLine($"{options.Cell} {options.NumLayers}×{options.HiddenSize}, embedding {options.ResolvedEmbeddingSizeText()}, dropout {options.Dropout}, " +
                  $"batch {options.BatchSize}×{options.SequenceLength}, Adam {options.LearningRate} (×{options.LearningRateDecay}/epoch), budget {options.TimeBudget?.TotalMinutes} min");
var watch = Stopwatch.StartNew();
options.Progress = p => Console.WriteLine(
    $"  epoch {p.Epoch,2}: train {p.TrainingLoss:F4}, validation {p.ValidationLoss:F4} nats/char, lr {p.LearningRate:G3}, " +
    $"{p.Elapsed.TotalSeconds:F0} s (total {watch.Elapsed.TotalSeconds:F0} s){(p.IsBest ? " *" : "")}");
var model = CharLanguageModel.Fit(training, options, validation);
Console.WriteLine($"trained in {watch.Elapsed.TotalSeconds:F0} s ({model.ParameterCount:N0} weights, best epoch {model.TrainingResult!.BestEpoch}" +
                  $"{(model.TrainingResult.StoppedByTimeBudget ? ", stopped by the time budget" : "")})");
if (savePath is not null)
{
    model.Save(savePath);
}

foreach (float temperature in new[] { 0.5f, 0.8f, 1.0f })
{
    Console.WriteLine();
    Console.WriteLine($"--- sample, temperature {temperature} ---");
    Console.WriteLine("ROMEO:" + model.Generate("ROMEO:", 300, new SamplingOptions { Temperature = temperature, Seed = 7 }));
}

Console.WriteLine();
Console.WriteLine("--- autocomplete (top 5, log-probability) ---");
foreach (string prefix in new[] { "To be or not to b", "My lord, I will go to the ki", "KING RICH", "Thou art a villa" })
{
    var completions = model.Complete(prefix, count: 5);
    Console.WriteLine($"{prefix}|  " + string.Join("   ", completions.Select(c => $"{c.Text}{Visible(c.StopCharacter)} ({c.LogProbability:F2})")));
}

var metrics = model.Evaluate(validation);
Console.WriteLine();
Console.WriteLine($"validation: {metrics.NatsPerCharacter:F4} nats/char, {metrics.BitsPerCharacter:F4} bits/char, perplexity {metrics.Perplexity:F3} ({metrics.Characters:N0} characters)");
return 0;

static string Visible(string? stop) => stop switch { null => "…", " " => "␣", "\n" => "↵", _ => stop };

internal static class OptionsText
{
    public static string ResolvedEmbeddingSizeText(this CharLanguageModelOptions options) =>
        options.TieEmbeddings ? $"{options.HiddenSize} (tied)" : options.EmbeddingSize.ToString(CultureInfo.InvariantCulture);
}
