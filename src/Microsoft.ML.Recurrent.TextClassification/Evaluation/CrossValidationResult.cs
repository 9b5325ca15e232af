namespace Microsoft.ML.Recurrent.TextClassification;

/// <summary>The scores of every fold of a cross-validation, their means and the summed confusion matrix.</summary>
public sealed class CrossValidationResult
{
    /// <summary>Collects the scores of the folds (at least one, all with the same class count).</summary>
    public CrossValidationResult(IReadOnlyList<ClassificationMetrics> folds)
    {
        ArgumentNullException.ThrowIfNull(folds);
        if (folds.Count == 0 || folds.Any(f => f is null || f.ClassCount != folds[0].ClassCount))
        {
            throw new ArgumentException("Parameter 'folds' needs at least one fold's scores, all with the same class count.", nameof(folds));
        }

        Folds = folds;
        MeanAccuracy = folds.Average(f => f.Accuracy);
        AccuracyStandardDeviation = Math.Sqrt(folds.Sum(f => (f.Accuracy - MeanAccuracy) * (f.Accuracy - MeanAccuracy)) / Math.Max(1, folds.Count - 1));
        MeanMacroF1 = folds.Average(f => f.MacroF1);
        MeanLogLoss = folds.Average(f => f.LogLoss);
        MeanAuc = folds.All(f => f.Auc.HasValue) ? folds.Average(f => f.Auc!.Value) : null;
        int classes = folds[0].ClassCount;
        ConfusionMatrix = Enumerable.Range(0, classes)
            .Select(t => (IReadOnlyList<int>)Enumerable.Range(0, classes).Select(p => folds.Sum(f => f.ConfusionMatrix[t][p])).ToArray())
            .ToArray();
    }

    /// <summary>Scores of each fold, in fold order.</summary>
    public IReadOnlyList<ClassificationMetrics> Folds { get; }

    /// <summary>Mean accuracy over the folds.</summary>
    public double MeanAccuracy { get; }

    /// <summary>Sample standard deviation of the folds' accuracies.</summary>
    public double AccuracyStandardDeviation { get; }

    /// <summary>Mean macro-F1 over the folds.</summary>
    public double MeanMacroF1 { get; }

    /// <summary>Mean log-loss over the folds.</summary>
    public double MeanLogLoss { get; }

    /// <summary>Mean AUC over the folds (binary classification), else null.</summary>
    public double? MeanAuc { get; }

    /// <summary>Counts [true class][predicted class] summed over the folds: every example scored once.</summary>
    public IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix { get; }

    /// <summary>The summed confusion matrix as an aligned text table.</summary>
    public string FormatConfusionMatrix(IReadOnlyList<string>? classNames = null) => ClassificationMetrics.Format(ConfusionMatrix, classNames);
}
