using Microsoft.ML.Recurrent.Data;
using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// Trains a recurrent text classifier (token embeddings, a bidirectional LSTM or GRU, pooling and a softmax output) on the
/// texts or key tokens of a data view and produces a <see cref="LstmTextClassificationTransformer"/>. Created by
/// <c>mlContext.BinaryClassification.Trainers.LstmTextClassifier</c> (Boolean labels) or
/// <c>mlContext.MulticlassClassification.Trainers.LstmTextClassifier</c> (key labels).
/// </summary>
public sealed class LstmTextClassificationTrainer : IEstimator<LstmTextClassificationTransformer>
{
    private readonly LstmTextClassifierOptions options;
    private readonly TextClassificationColumns columns;

    internal LstmTextClassificationTrainer(LstmTextClassifierOptions options, bool isBinary)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options.Copy();
        columns = TextClassificationColumns.From(options, isBinary);
    }

    /// <summary>Reads the labels, texts (or key tokens) and extra features of <paramref name="input"/> and trains the classifier.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type (the message names it).</exception>
    /// <exception cref="ArgumentException">The data cannot be trained on: an empty text, a missing label, non-finite features; the message names the row.</exception>
    public LstmTextClassificationTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var schema = input.Schema;
        columns.CheckTraining(schema);
        var (labels, classCount, classNames) = ReadLabels(input, schema[columns.Label]);
        float[][]? extras = columns.ExtraFeatures is null ? null : DataViewColumns.ReadSingleVectors(input, schema[columns.ExtraFeatures]);
        var text = schema[columns.Text];
        try
        {
            if (text.Type is TextDataViewType)
            {
                var model = TextClassifier.Fit(DataViewColumns.ReadText(input, text), labels, classCount, options, extras);
                return new LstmTextClassificationTransformer(model, columns, new(null, model.ExtraFeatureCount), classNames);
            }

            int keyCount = (int)((KeyDataViewType)((VectorDataViewType)text.Type).ItemType).Count;
            string[] tokenNames = DataViewColumns.KeyNames(text);
            var keyModel = TextClassifier.Fit(
                DataViewColumns.ReadKeyVectors(input, text), keyCount, labels, classCount, options, extras, tokenNames.Length == keyCount ? tokenNames : null);
            return new LstmTextClassificationTransformer(keyModel, columns, new(keyCount, keyModel.ExtraFeatureCount), classNames);
        }
        catch (ArgumentException ex) when (ex is not ArgumentOutOfRangeException)
        {
            throw new ArgumentException(
                $"{ex.Message} (Rows are counted from 0 in data order; text column '{columns.Text}', label column '{columns.Label}'{(columns.ExtraFeatures is null ? string.Empty : $", extra features column '{columns.ExtraFeatures}'")}.)",
                nameof(input),
                ex);
        }
    }

    /// <summary>The input schema with the score, probability (binary), predicted-label and optional attention columns appended.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        columns.CheckTraining(inputSchema);
        var label = inputSchema.Last(c => c.Name == columns.Label);
        return SchemaShapes.Append(inputSchema, columns.OutputShapes(label));
    }

    /// <summary>Class index per row, the class count and the class names (from the label's key values; empty when it has none).</summary>
    private (int[] Labels, int ClassCount, string[] ClassNames) ReadLabels(IDataView input, DataViewSchema.Column label)
    {
        if (columns.IsBinary)
        {
            var booleans = DataViewColumns.ReadBooleans(input, label);
            if (booleans.Length > 0 && Array.IndexOf(booleans, !booleans[0]) < 0)
            {
                throw new ArgumentException(
                    $"Label column '{columns.Label}' holds only the value {booleans[0]} (all {booleans.Length} rows); a binary classifier needs both true and false labels.", nameof(input));
            }

            return (booleans.Select(b => b ? 1 : 0).ToArray(), 2, []);
        }

        int[] keys = DataViewColumns.ReadKeys(input, label);
        int missing = Array.IndexOf(keys, -1);
        if (missing >= 0)
        {
            throw new ArgumentException($"Row {missing} of label column '{columns.Label}' has a missing key; every training row needs a label.", nameof(input));
        }

        string[] names = DataViewColumns.KeyNames(label);
        if (keys.Length > 0 && keys.All(k => k == keys[0]))
        {
            string found = keys[0] < names.Length ? $"'{names[keys[0]]}'" : $"key {keys[0] + 1}";
            throw new ArgumentException(
                $"Label column '{columns.Label}' holds only the class {found} (all {keys.Length} rows); a classifier needs training examples of at least two classes.", nameof(input));
        }

        int classCount = (int)((KeyDataViewType)label.Type).Count;
        if (classCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(input), $"Label column '{columns.Label}' has {classCount} key value(s); multiclass classification needs at least 2.");
        }

        return (keys, classCount, names);
    }
}
