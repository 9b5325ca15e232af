using System.Globalization;
using System.Text;

namespace Microsoft.ML.Recurrent.TextClassification;

/// <summary>
/// Scores of class-probability predictions against the true labels: accuracy, macro-F1, log-loss, AUC (binary) and the
/// confusion matrix. The predicted class is the most probable one (the lowest index on a tie).
/// </summary>
public sealed class ClassificationMetrics
{
    /// <summary>Probabilities are clamped to [<see cref="ProbabilityFloor"/>, 1] in the log-loss, so a confident mistake costs at most −ln(1e−15) ≈ 34.5.</summary>
    public const double ProbabilityFloor = 1e-15;

    private readonly int[][] confusion;

    private ClassificationMetrics(int[][] confusion, double logLoss, double? auc)
    {
        this.confusion = confusion;
        ClassCount = confusion.Length;
        Count = confusion.Sum(row => row.Sum());
        Accuracy = (double)Enumerable.Range(0, ClassCount).Sum(c => confusion[c][c]) / Count;
        var precision = new double[ClassCount];
        var recall = new double[ClassCount];
        var f1 = new double[ClassCount];
        var present = new List<int>();
        for (int c = 0; c < ClassCount; c++)
        {
            int truePositives = confusion[c][c], actual = confusion[c].Sum(), predicted = confusion.Sum(row => row[c]);
            precision[c] = predicted == 0 ? 0 : (double)truePositives / predicted;
            recall[c] = actual == 0 ? 0 : (double)truePositives / actual;
            f1[c] = precision[c] + recall[c] == 0 ? 0 : 2 * precision[c] * recall[c] / (precision[c] + recall[c]);
            if (actual > 0 || predicted > 0)
            {
                present.Add(c);
            }
        }

        Precision = precision;
        Recall = recall;
        F1 = f1;
        MacroF1 = present.Average(c => f1[c]);
        LogLoss = logLoss;
        Auc = auc;
    }

    /// <summary>Number of scored examples.</summary>
    public int Count { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Share of examples whose predicted class is the true one.</summary>
    public double Accuracy { get; }

    /// <summary>Mean F1 over the classes that occur among the labels or the predictions (scikit-learn's <c>f1_score(average="macro")</c>).</summary>
    public double MacroF1 { get; }

    /// <summary>Mean negative natural log of the true class's probability (clamped at <see cref="ProbabilityFloor"/>).</summary>
    public double LogLoss { get; }

    /// <summary>Area under the ROC curve of class 1's probability (ties count half); null unless there are two classes and both occur among the labels.</summary>
    public double? Auc { get; }

    /// <summary>Precision of each class (0 when it is never predicted).</summary>
    public IReadOnlyList<double> Precision { get; }

    /// <summary>Recall of each class (0 when it never occurs).</summary>
    public IReadOnlyList<double> Recall { get; }

    /// <summary>F1 of each class (0 when precision and recall are both 0).</summary>
    public IReadOnlyList<double> F1 { get; }

    /// <summary>Counts [true class][predicted class].</summary>
    public IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix => confusion;

    /// <summary>Scores <paramref name="probabilities"/> (one row of <paramref name="classCount"/> probabilities per example) against <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">The counts differ, there are no examples, a label is out of range, or a row has the wrong length or a value that is not finite.</exception>
    public static ClassificationMetrics Compute(IReadOnlyList<int> labels, IReadOnlyList<IReadOnlyList<float>> probabilities, int classCount)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        if (labels.Count != probabilities.Count || labels.Count == 0)
        {
            throw new ArgumentException($"Parameter 'labels' has {labels.Count} entries and 'probabilities' {probabilities.Count}; both need the same, positive count.", nameof(labels));
        }

        var confusion = Enumerable.Range(0, classCount).Select(_ => new int[classCount]).ToArray();
        double logLoss = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            var row = probabilities[i];
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentException($"Parameter 'labels' has the value {labels[i]} at row {i}; labels must be in [0, {classCount}).", nameof(labels));
            }

            if (row is null || row.Count != classCount || row.Any(p => !float.IsFinite(p)))
            {
                throw new ArgumentException($"Parameter 'probabilities' has a row at index {i} that is missing, does not hold {classCount} values, or holds a value that is not finite.", nameof(probabilities));
            }

            confusion[labels[i]][ArgMax(row)]++;
            logLoss -= Math.Log(Math.Clamp(row[labels[i]], ProbabilityFloor, 1.0));
        }

        return new ClassificationMetrics(confusion, logLoss / labels.Count, classCount == 2 ? BinaryAuc(labels, probabilities) : null);
    }

    /// <summary>The confusion matrix as an aligned text table, rows the true class and columns the predicted one.</summary>
    public string FormatConfusionMatrix(IReadOnlyList<string>? classNames = null) => Format(confusion, classNames);

    /// <summary>Formats counts [true][predicted] as a table; <paramref name="classNames"/> defaults to the class indices.</summary>
    internal static string Format(IReadOnlyList<IReadOnlyList<int>> matrix, IReadOnlyList<string>? classNames)
    {
        var names = classNames ?? Enumerable.Range(0, matrix.Count).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
        if (names.Count != matrix.Count)
        {
            throw new ArgumentException($"Parameter 'classNames' has {names.Count} names, but there are {matrix.Count} classes.", nameof(classNames));
        }

        int width = Math.Max(names.Max(n => n.Length), matrix.Max(row => row.Max()).ToString(CultureInfo.InvariantCulture).Length) + 2;
        const string corner = "true \\ predicted";
        var text = new StringBuilder(corner.PadRight(Math.Max(corner.Length, width) + 1));
        int first = Math.Max(corner.Length, width) + 1;
        foreach (string name in names)
        {
            text.Append(name.PadLeft(width));
        }

        text.AppendLine();
        for (int c = 0; c < matrix.Count; c++)
        {
            text.Append(names[c].PadRight(first));
            foreach (int count in matrix[c])
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture).PadLeft(width));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>Index of the largest value (the first on a tie).</summary>
    internal static int ArgMax(IReadOnlyList<float> values)
    {
        int best = 0;
        for (int c = 1; c < values.Count; c++)
        {
            if (values[c] > values[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>Mann–Whitney AUC of class 1's probability with mid-ranks for ties; null when a class is absent.</summary>
    private static double? BinaryAuc(IReadOnlyList<int> labels, IReadOnlyList<IReadOnlyList<float>> probabilities)
    {
        long positives = labels.Count(l => l == 1), negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        var order = Enumerable.Range(0, labels.Count).OrderBy(i => probabilities[i][1]).ToArray();
        double positiveRanks = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end < order.Length && probabilities[order[end]][1] == probabilities[order[start]][1])
            {
                end++;
            }

            double midRank = (start + 1 + end) / 2.0;
            for (int k = start; k < end; k++)
            {
                positiveRanks += labels[order[k]] == 1 ? midRank : 0;
            }

            start = end;
        }

        return (positiveRanks - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }
}
