using System.Globalization;
using System.Reflection;
using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent.Examples.TextClassification;

/// <summary>Console output and option overrides of the example.</summary>
public static class Report
{
    /// <summary>Prints the scores of one test set.</summary>
    public static void Print(ClassificationMetrics metrics, IReadOnlyList<string> classNames)
    {
        Console.WriteLine($"accuracy {metrics.Accuracy:P2}  macro-F1 {metrics.MacroF1:F4}  log-loss {metrics.LogLoss:F4}{(metrics.Auc is { } auc ? $"  AUC {auc:F4}" : "")}");
        Console.Write(metrics.FormatConfusionMatrix(classNames));
    }

    /// <summary>Prints the scores of a cross-validation.</summary>
    public static void Print(CrossValidationResult result, IReadOnlyList<string> classNames)
    {
        Console.WriteLine(
            $"mean over {result.Folds.Count} folds: accuracy {result.MeanAccuracy:P2} (± {result.AccuracyStandardDeviation:P2})  macro-F1 {result.MeanMacroF1:F4}  " +
            $"log-loss {result.MeanLogLoss:F4}{(result.MeanAuc is { } auc ? $"  AUC {auc:F4}" : "")}");
        Console.WriteLine("confusion matrix summed over the folds:");
        Console.Write(result.FormatConfusionMatrix(classNames));
    }

    /// <summary>Applies "Name=Value" to the option property of that name (numbers, booleans and enums).</summary>
    public static void SetOption(TextClassifierOptions options, string assignment)
    {
        var parts = assignment.Split('=', 2);
        var property = parts.Length == 2 ? typeof(TextClassifierOptions).GetProperty(parts[0], BindingFlags.Public | BindingFlags.Instance) : null;
        if (property is null || !property.CanWrite)
        {
            throw new ArgumentException($"'{assignment}' is not Option=Value for a TextClassifierOptions property.");
        }

        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        object value = type.IsEnum ? Enum.Parse(type, parts[1], ignoreCase: true) : Convert.ChangeType(parts[1], type, CultureInfo.InvariantCulture);
        property.SetValue(options, value);
    }

    /// <summary>The main settings on one line.</summary>
    public static string Describe(TextClassifierOptions o) =>
        $"{(o.Bidirectional ? "bi" : "")}{o.Cell} {o.NumLayers}×{o.HiddenSize}, embedding {o.EmbeddingDimension}, {o.Pooling} pooling, dropout {o.Dropout}, " +
        $"batch {o.BatchSize}, lr {o.LearningRate}, ≤ {o.Epochs} epochs (patience {o.EarlyStoppingPatience}, validation {o.ValidationFraction:P0}), seed {o.Seed}";
}
