using Microsoft.ML.Recurrent.Translation;
using Microsoft.ML.Recurrent.Translation.Training;

namespace Microsoft.ML.Recurrent.Examples.Translation;

/// <summary>
/// Hands the PyTorch peer (benchmarks/peers/pytorch_seq2seq.py) exactly our data: the split, tokenized and mapped to ids
/// by the same subword vocabularies, one sentence of space-separated ids per line; and scores the peer's test
/// translations (ids) with our detokenizer, BLEU and chrF.
/// </summary>
internal static class PeerExchange
{
    public static void Export(EngRusSplit split, string directory)
    {
        Directory.CreateDirectory(directory);
        var options = EngRusComparison.Options(AttentionType.Luong, TimeSpan.Zero);
        var (source, target) = Translator.FitEncoders(split.Train.Select(p => p[0]).ToArray(), split.Train.Select(p => p[1]).ToArray(), options);
        foreach (var (name, pairs, maxLength) in new[] { ("train", split.Train, options.MaxTrainingLength), ("valid", split.Validation, int.MaxValue), ("test", split.Test, int.MaxValue) })
        {
            var corpus = TrainingCorpus.Create(source, target, pairs.Select(p => p[0]).ToArray(), pairs.Select(p => p[1]).ToArray(), maxLength);
            File.WriteAllLines(Path.Combine(directory, name + ".src"), corpus.Sources.Select(ids => string.Join(' ', ids)));
            File.WriteAllLines(Path.Combine(directory, name + ".tgt"), corpus.Targets.Select(ids => string.Join(' ', ids)));
        }

        File.WriteAllText(Path.Combine(directory, "vocab_sizes.txt"), $"{source.Vocabulary.Count} {target.Vocabulary.Count}\n");
        Console.WriteLine($"Exported to {directory}: vocabularies {source.Vocabulary.Count} (English) and {target.Vocabulary.Count} (Russian).");
    }

    public static void Score(EngRusSplit split, string directory)
    {
        var options = EngRusComparison.Options(AttentionType.Luong, TimeSpan.Zero);
        var (_, target) = Translator.FitEncoders(split.Train.Select(p => p[0]).ToArray(), split.Train.Select(p => p[1]).ToArray(), options);
        var references = split.Test.Select(p => p[1]).ToArray();
        foreach (string file in Directory.GetFiles(directory, "*.hyp").Order())
        {
            var hypotheses = File.ReadAllLines(file)
                .Select(line => target.Decode(line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))).ToArray();
            var metrics = Translator.Score(hypotheses, references);
            Console.WriteLine($"{Path.GetFileName(file)}: BLEU {metrics.Bleu:F2}, chrF {metrics.Chrf:F2}");
        }
    }
}
