using Microsoft.ML.Recurrent.TextGeneration;

namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>
/// Streaming generation with the default character language model's architecture (2-layer LSTM, hidden 512, the
/// tinyshakespeare alphabet): one sequence, one engine step per character, sampling at temperature 1. The weights come
/// from a single training step, which does not change the cost. Reports characters per second.
/// </summary>
internal sealed class CharGenerationBenchmark : BenchmarkCase
{
    private const int Length = 200;

    public override string Name => "generate-chars";

    public override string Kind => "generate";

    public override IReadOnlyList<(string Field, double Value)> Run()
    {
        string text = File.ReadAllText(DataFiles.Find("tinyshakespeare", "input.txt"));
        var model = CharLanguageModel.Fit(text, new CharLanguageModelOptions { TimeBudget = TimeSpan.FromTicks(1), ValidationFraction = 0f });
        var sampling = new SamplingOptions { Seed = 1 };
        double seconds = SecondsPerCall(() => model.Generate("ROMEO:", Length, sampling), roundSeconds: 1.0);
        return [("chars_per_s", Length / seconds), ("us_per_char", seconds * 1e6 / Length)];
    }
}
