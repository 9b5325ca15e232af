using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Examples.Translation;

/// <summary>
/// The eng-rus Tatoeba pairs, shuffled with seed 1 (the file is sorted by the English side): the first 1,000 are the
/// test set, the next 1,000 the validation set, the rest the training set.
/// </summary>
internal sealed record EngRusSplit(string[][] Train, string[][] Validation, string[][] Test)
{
    public const int HeldOut = 1000;

    public static EngRusSplit Load(string path)
    {
        var pairs = File.ReadLines(path).Select(line => line.Split('\t')).Where(p => p.Length == 2).ToArray();
        new RandomSource(1).Shuffle(pairs.AsSpan());
        return new EngRusSplit(pairs[(2 * HeldOut)..], pairs[HeldOut..(2 * HeldOut)], pairs[..HeldOut]);
    }
}
