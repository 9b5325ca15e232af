using System.Globalization;
using System.Text;
using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// The recurrent text classifier beside ML.NET's FeaturizeText plus logistic-regression baseline, trained and scored on
/// the same splits. Both are scored by the same code from their predicted probabilities: accuracy, macro-F1, AUC
/// (binary), log-loss (natural log) and confusion matrices summed over the folds. <see cref="ToString"/> prints them side by side.
/// </summary>
public sealed class TextClassifierComparison
{
    internal TextClassifierComparison(
        string baselineName, CrossValidationResult recurrent, CrossValidationResult baseline, IReadOnlyList<string> classNames, TimeSpan recurrentTime, TimeSpan baselineTime)
    {
        BaselineName = baselineName;
        Recurrent = recurrent;
        Baseline = baseline;
        ClassNames = classNames;
        RecurrentTrainingTime = recurrentTime;
        BaselineTrainingTime = baselineTime;
    }

    /// <summary>The baseline pipeline, for example "FeaturizeText + SdcaLogisticRegression".</summary>
    public string BaselineName { get; }

    /// <summary>Scores of the recurrent classifier on each split's test part, and their means.</summary>
    public CrossValidationResult Recurrent { get; }

    /// <summary>Scores of the baseline on the same test parts.</summary>
    public CrossValidationResult Baseline { get; }

    /// <summary>Class names in class order (the label's key values, or false/true for binary).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of splits (folds) both were scored on.</summary>
    public int FoldCount => Recurrent.Folds.Count;

    /// <summary>Total time spent training the recurrent classifier over all splits.</summary>
    public TimeSpan RecurrentTrainingTime { get; }

    /// <summary>Total time spent training the baseline over all splits.</summary>
    public TimeSpan BaselineTrainingTime { get; }

    /// <summary>Accuracy of the recurrent classifier minus the baseline's (means over the splits).</summary>
    public double AccuracyGain => Recurrent.MeanAccuracy - Baseline.MeanAccuracy;

    /// <summary>A side-by-side table of the scores and both confusion matrices.</summary>
    public override string ToString()
    {
        var culture = CultureInfo.InvariantCulture;
        const string recurrentName = "recurrent (LSTM/GRU)";
        int width = Math.Max(recurrentName.Length, BaselineName.Length) + 2;
        var text = new StringBuilder();
        text.AppendLine(culture, $"{(FoldCount == 1 ? "held-out test set" : $"mean of {FoldCount} folds"),-14}{recurrentName.PadLeft(width)}{BaselineName.PadLeft(width)}");
        void Row(string name, Func<CrossValidationResult, string> value) =>
            text.AppendLine(culture, $"{name,-14}{value(Recurrent).PadLeft(width)}{value(Baseline).PadLeft(width)}");
        Row("accuracy", r => FoldCount == 1 ? r.MeanAccuracy.ToString("P2", culture) : $"{r.MeanAccuracy.ToString("P2", culture)} ± {r.AccuracyStandardDeviation.ToString("P1", culture)}");
        Row("macro-F1", r => r.MeanMacroF1.ToString("F4", culture));
        if (Recurrent.MeanAuc is not null)
        {
            Row("AUC", r => r.MeanAuc!.Value.ToString("F4", culture));
        }

        Row("log-loss", r => r.MeanLogLoss.ToString("F4", culture));
        Row("training", r => (ReferenceEquals(r, Recurrent) ? RecurrentTrainingTime : BaselineTrainingTime).TotalSeconds.ToString("F1", culture) + " s");
        string summed = FoldCount == 1 ? string.Empty : $", summed over {FoldCount} folds";
        text.AppendLine().AppendLine(culture, $"{recurrentName}, confusion matrix{summed}:").AppendLine(Recurrent.FormatConfusionMatrix(ClassNames));
        text.AppendLine(culture, $"{BaselineName}, confusion matrix{summed}:").Append(Baseline.FormatConfusionMatrix(ClassNames));
        return text.ToString();
    }
}
