using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.TextClassification.Training;

/// <summary>
/// The seeded, class-stratified order behind every split: the indices are shuffled (Fisher–Yates with the engine's
/// <see cref="RandomSource"/>) and then stably sorted by label, so taking every k-th position spreads each class evenly.
/// benchmarks/peers/sklearn_text.py reproduces it exactly.
/// </summary>
internal static class Stratification
{
    /// <summary>The indices of <paramref name="labels"/> shuffled by <paramref name="random"/>, then stably sorted by label.</summary>
    public static int[] Order(IReadOnlyList<int> labels, RandomSource random)
    {
        int[] order = Enumerable.Range(0, labels.Count).ToArray();
        random.Shuffle(order.AsSpan());
        return order.OrderBy(i => labels[i]).ToArray();
    }

    /// <summary>Splits off about <paramref name="fraction"/> of the indices, stratified: the positions where ⌊(i + 1)·fraction⌋ grows.</summary>
    public static (int[] Training, int[] Validation) Split(IReadOnlyList<int> labels, float fraction, RandomSource random)
    {
        var training = new List<int>();
        var validation = new List<int>();
        var order = Order(labels, random);
        for (int i = 0; i < order.Length; i++)
        {
            bool held = Math.Floor((i + 1) * (double)fraction) > Math.Floor(i * (double)fraction);
            (held ? validation : training).Add(order[i]);
        }

        return (training.ToArray(), validation.ToArray());
    }
}
