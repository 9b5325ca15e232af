using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.TextClassification.Training;

namespace Microsoft.ML.Recurrent.TextClassification;

/// <summary>One fold of a cross-validation: the indices to train on and the indices to score.</summary>
/// <param name="Index">Fold number, from 0.</param>
/// <param name="Training">Indices of the training examples (every other fold).</param>
/// <param name="Test">Indices of this fold's examples.</param>
public sealed record CrossValidationFold(int Index, IReadOnlyList<int> Training, IReadOnlyList<int> Test);

/// <summary>Seeded, class-stratified k-fold cross-validation.</summary>
public static class CrossValidation
{
    /// <summary>
    /// The fold of every example: the indices are shuffled (Fisher–Yates with the engine's <see cref="RandomSource"/> of
    /// <paramref name="seed"/>), stably sorted by label, and the i-th index in that order goes to fold i mod
    /// <paramref name="foldCount"/>, so every fold has each class's share. benchmarks/peers/sklearn_text.py reproduces it.
    /// </summary>
    /// <exception cref="ArgumentException">There are fewer examples than folds, or fewer than 2 folds.</exception>
    public static int[] AssignFolds(IReadOnlyList<int> labels, int foldCount, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(foldCount, 2);
        if (labels.Count < foldCount)
        {
            throw new ArgumentException($"Parameter 'labels' has {labels.Count} entries, fewer than the {foldCount} folds.", nameof(labels));
        }

        var order = Stratification.Order(labels, new RandomSource(seed));
        var folds = new int[labels.Count];
        for (int position = 0; position < order.Length; position++)
        {
            folds[order[position]] = position % foldCount;
        }

        return folds;
    }

    /// <summary>Runs <paramref name="evaluateFold"/> on every fold of <see cref="AssignFolds"/> and collects the scores.</summary>
    /// <param name="labels">The label of every example (for stratification).</param>
    /// <param name="foldCount">Number of folds (10 is customary).</param>
    /// <param name="seed">Seed of the fold assignment.</param>
    /// <param name="evaluateFold">Trains on <see cref="CrossValidationFold.Training"/> and scores <see cref="CrossValidationFold.Test"/>.</param>
    public static CrossValidationResult Run(IReadOnlyList<int> labels, int foldCount, int seed, Func<CrossValidationFold, ClassificationMetrics> evaluateFold)
    {
        ArgumentNullException.ThrowIfNull(evaluateFold);
        var folds = AssignFolds(labels, foldCount, seed);
        var results = new ClassificationMetrics[foldCount];
        for (int k = 0; k < foldCount; k++)
        {
            var training = Enumerable.Range(0, folds.Length).Where(i => folds[i] != k).ToArray();
            var test = Enumerable.Range(0, folds.Length).Where(i => folds[i] == k).ToArray();
            results[k] = evaluateFold(new CrossValidationFold(k, training, test));
        }

        return new CrossValidationResult(results);
    }

    /// <summary>Cross-validates a <see cref="TextClassifier"/> trained with <paramref name="options"/> on raw texts; folds are seeded with <see cref="TextClassifierOptions.Seed"/>.</summary>
    public static CrossValidationResult Run(IReadOnlyList<string> texts, IReadOnlyList<int> labels, int classCount, TextClassifierOptions options, int foldCount = 10)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(options);
        return Run(labels, foldCount, options.Seed, fold =>
        {
            var model = TextClassifier.Fit(fold.Training.Select(i => texts[i]).ToArray(), fold.Training.Select(i => labels[i]).ToArray(), classCount, options);
            return model.Evaluate(fold.Test.Select(i => texts[i]).ToArray(), fold.Test.Select(i => labels[i]).ToArray());
        });
    }
}
