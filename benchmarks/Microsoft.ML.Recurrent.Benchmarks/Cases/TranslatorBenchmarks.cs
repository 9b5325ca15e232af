using Microsoft.ML.Recurrent.Examples.Translation;
using Microsoft.ML.Recurrent.Translation;

namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>
/// The eng-rus translator of examples/Translation (Luong attention, subwords, bidirectional LSTM 256): one training
/// epoch over the 17,424 training pairs (its wall-clock seconds, vocabulary learning excluded), and beam-5 decoding of
/// the first 100 test sentences with the model after that epoch (microseconds per sentence). The PyTorch peer
/// (benchmarks/peers/pytorch_seq2seq.py) does the same work on the same exported ids.
/// </summary>
internal static class TranslatorBenchmarks
{
    private static Translator? trained;
    private static EngRusSplit? split;

    /// <summary>The model after one epoch, trained on first use.</summary>
    private static Translator Trained => trained ??= Train();

    private static EngRusSplit Split => split ??= EngRusSplit.Load(Path.Combine(AppContext.BaseDirectory, "data", "eng-rus.tsv"));

    private static Translator Train()
    {
        var options = EngRusComparison.Options(AttentionType.Luong, TimeSpan.FromHours(1));
        options.Epochs = 1;
        options.ValidationFraction = 0f;
        return Translator.Fit(Split.Train.Select(p => p[0]).ToArray(), Split.Train.Select(p => p[1]).ToArray(), options);
    }

    internal sealed class EpochBenchmark : BenchmarkCase
    {
        public override string Name => "fit-seq2seq-engrus-epoch";

        public override string Kind => "fit";

        public override IReadOnlyList<(string Field, double Value)> Run()
        {
            trained = Train();
            return [("seconds", trained.TrainingHistory[0].Elapsed.TotalSeconds)];
        }
    }

    internal sealed class BeamBenchmark : BenchmarkCase
    {
        public override string Name => "translate-beam5";

        public override string Kind => "predict";

        public override IReadOnlyList<(string Field, double Value)> Run()
        {
            var translator = Trained;
            var sources = Split.Test.Take(100).Select(p => p[0]).ToArray();
            var decoding = new DecodingOptions { BeamSize = 5 };
            double seconds = SecondsPerCall(() =>
            {
                foreach (string source in sources)
                {
                    translator.Translate(source, decoding);
                }
            }, roundSeconds: 1, rounds: 3, warmupSeconds: 1);
            return [("us_per_call", seconds / sources.Length * 1e6)];
        }
    }
}
