using System.Diagnostics;
using Microsoft.ML.Recurrent.Translation;

namespace Microsoft.ML.Recurrent.Examples.Translation;

/// <summary>
/// English → Russian on the Tatoeba split: the same model without attention, with Bahdanau and with Luong attention,
/// each trained within the same wall-clock budget; BLEU and chrF of greedy and beam-5 translations of the test set.
/// </summary>
internal static class EngRusComparison
{
    /// <summary>The settings of every eng-rus run (and of the PyTorch peer, which reads them from the export).</summary>
    public static TranslatorOptions Options(AttentionType attention, TimeSpan budget) => new()
    {
        Tokenization = TranslationTokenization.Subwords,
        SubwordMerges = 4000,
        EmbeddingDimension = 256,
        HiddenSize = 256,
        NumLayers = 1,
        Bidirectional = true,
        Attention = attention,
        InputFeeding = true,
        Dropout = 0.3f,
        LabelSmoothing = 0.1f,
        BatchSize = 64,
        LearningRate = 2e-3f,
        GradientClipNorm = 5f,
        Epochs = 100,
        EarlyStopping = EarlyStoppingMetric.Loss,
        EarlyStoppingPatience = 3,
        TimeBudget = budget,
        Seed = 1,
    };

    public static void Run(EngRusSplit split, TimeSpan budget, IReadOnlyList<AttentionType> attentions)
    {
        var sources = split.Train.Select(p => p[0]).ToArray();
        var targets = split.Train.Select(p => p[1]).ToArray();
        var testSources = split.Test.Select(p => p[0]).ToArray();
        var testTargets = split.Test.Select(p => p[1]).ToArray();
        Console.WriteLine($"{split.Train.Length:N0} training, {split.Validation.Length:N0} validation, {split.Test.Length:N0} test pairs; budget {budget.TotalSeconds:F0} s per model");
        Console.WriteLine("| attention | parameters | epochs | training | greedy BLEU | greedy chrF | beam 5 BLEU | beam 5 chrF | beam 5 ms/sentence |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var attention in attentions)
        {
            var options = Options(attention, budget);
            options.Progress = p => Console.Error.WriteLine($"  {attention} epoch {p.Epoch}: loss {p.TrainingLoss:F3}, validation {p.ValidationLoss:F3}, {p.Elapsed.TotalSeconds:F1} s{(p.IsBest ? " *" : "")}");
            var watch = Stopwatch.StartNew();
            var translator = Translator.Fit(sources, targets, options, split.Validation.Select(p => p[0]).ToArray(), split.Validation.Select(p => p[1]).ToArray());
            double trainSeconds = watch.Elapsed.TotalSeconds;
            var greedy = translator.Evaluate(testSources, testTargets, DecodingOptions.Greedy);
            watch.Restart();
            var beam = translator.Evaluate(testSources, testTargets, new DecodingOptions { BeamSize = 5 });
            double beamMs = watch.Elapsed.TotalMilliseconds / testSources.Length;
            Console.WriteLine(
                $"| {attention} | {translator.ParameterCount:N0} | {translator.TrainingHistory.Count} | {trainSeconds:F0} s | {greedy.Bleu:F2} | {greedy.Chrf:F2} | {beam.Bleu:F2} | {beam.Chrf:F2} | {beamMs:F1} |");
            if (attention == AttentionType.Luong)
            {
                foreach (var source in new[] { "How are you?", "I love you.", "Tom is my friend." })
                {
                    Console.WriteLine($"    {source} → {translator.Translate(source).Text}");
                }
            }
        }
    }
}
