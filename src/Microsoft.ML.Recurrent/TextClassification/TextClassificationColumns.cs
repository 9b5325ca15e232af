using Microsoft.ML.Data;
using Microsoft.ML.Recurrent.Data;
using Microsoft.ML.Recurrent.Mapping;

namespace Microsoft.ML.Recurrent.TextClassification;

/// <summary>
/// The columns of a recurrent text classifier: what it reads (text or key tokens, optional extra features, the label
/// when training) and what it writes (score, probability, predicted label, attention weights), with their checks.
/// </summary>
internal sealed record TextClassificationColumns(
    bool IsBinary,
    string Label,
    string Text,
    string? ExtraFeatures,
    string Score,
    string Probability,
    string PredictedLabel,
    string? AttentionWeights)
{
    /// <summary>What a fitted model reads: key tokens of a given key count (or raw text when null), and extra features of a width (0 for none).</summary>
    public sealed record TrainedInputs(int? TokenKeyCount, int ExtraFeatureCount);

    /// <summary>Names of ML.NET's key-values and slot-names annotations (its constants are internal to ML.NET).</summary>
    private const string KeyValuesAnnotation = "KeyValues", SlotNamesAnnotation = "SlotNames";

    public static TextClassificationColumns From(LstmTextClassifierOptions options, bool isBinary) => new(
        isBinary, options.LabelColumnName, options.TextColumnName, options.ExtraFeaturesColumnName, options.ScoreColumnName,
        options.ProbabilityColumnName, options.PredictedLabelColumnName, options.AttentionWeightsColumnName);

    /// <summary>Input columns a prediction reads.</summary>
    public IReadOnlyList<string> Inputs => ExtraFeatures is null ? [Text] : [Text, ExtraFeatures];

    private ColumnKind LabelKind => IsBinary ? ColumnKind.Boolean : ColumnKind.Key;

    private string LabelRole => IsBinary ? "label, Boolean for binary classification" : "label, a key for multiclass classification";

    /// <summary>Checks the columns a trainer reads (including the label) in an estimator's input shape.</summary>
    public void CheckTraining(SchemaShape shape)
    {
        SchemaCheck.Require(shape, Label, LabelRole, LabelKind);
        SchemaCheck.Require(shape, Text, "text", ColumnKind.Text, ColumnKind.KeyVector);
        if (ExtraFeatures is not null)
        {
            SchemaCheck.Require(shape, ExtraFeatures, "extra features", ColumnKind.SingleVector);
        }
    }

    /// <summary>Checks the columns a trainer reads (including the label) in a data view's schema.</summary>
    public void CheckTraining(DataViewSchema schema)
    {
        SchemaCheck.Require(schema, Label, LabelRole, LabelKind);
        CheckPrediction(schema, null);
    }

    /// <summary>
    /// Checks the columns a prediction reads; for a fitted model (<paramref name="trained"/> not null), also that the
    /// token column is of the kind the model was trained on and the extra features have its width.
    /// </summary>
    public void CheckPrediction(DataViewSchema schema, TrainedInputs? trained)
    {
        var text = SchemaCheck.Require(schema, Text, "text", ColumnKind.Text, ColumnKind.KeyVector);
        if (trained is { TokenKeyCount: int keys } && (text.Type is not VectorDataViewType { ItemType: KeyDataViewType key } || (int)key.Count != keys))
        {
            throw new ArgumentOutOfRangeException(
                nameof(schema), $"Column '{Text}' (text) has type {text.Type}, but the model was trained on a vector of keys with {keys} values and expects the same TokenizeIntoWords and MapValueToKey mapping.");
        }

        if (trained is { TokenKeyCount: null } && text.Type is not TextDataViewType)
        {
            throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{Text}' (text) has type {text.Type}, but the model was trained on raw text and expects Text.");
        }

        if (ExtraFeatures is not null)
        {
            var extra = SchemaCheck.Require(schema, ExtraFeatures, "extra features", ColumnKind.SingleVector);
            int size = ((VectorDataViewType)extra.Type).Size;
            if (size == 0 || (trained is not null && size != trained.ExtraFeatureCount))
            {
                string expected = trained is null ? "a vector of Single of known size" : $"a vector of {trained.ExtraFeatureCount} Single values, as in training";
                throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{ExtraFeatures}' (extra features) has type {extra.Type}, but {expected} was expected.");
            }
        }
    }

    /// <summary>
    /// The shapes of the columns a trainer will append, as ML.NET's trainers report them: the multiclass score's size and
    /// the predicted label's key count come from the label column when its shape knows them.
    /// </summary>
    public IEnumerable<SchemaShape.Column> OutputShapes(SchemaShape.Column label)
    {
        var scalar = SchemaShape.Column.VectorKind.Scalar;
        if (IsBinary)
        {
            yield return SchemaShapes.Create(Score, scalar, NumberDataViewType.Single, null);
            yield return SchemaShapes.Create(Probability, scalar, NumberDataViewType.Single, null);
            yield return SchemaShapes.Create(PredictedLabel, scalar, BooleanDataViewType.Instance, null);
        }
        else
        {
            var keyValues = label.Annotations.Where(a => a.Name == KeyValuesAnnotation).ToList();
            yield return SchemaShapes.Create(Score, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, null);
            yield return SchemaShapes.Create(PredictedLabel, scalar, NumberDataViewType.UInt32, keyValues.Count == 0 ? null : new SchemaShape(keyValues), isKey: true);
        }

        if (AttentionWeights is not null)
        {
            yield return SchemaShapes.Create(AttentionWeights, SchemaShape.Column.VectorKind.VariableVector, NumberDataViewType.Single, null);
        }
    }

    /// <summary>The columns a fitted model appends, given its classes (names from the label's key values, or empty).</summary>
    public IReadOnlyList<OutputColumn> Outputs(int classCount, IReadOnlyList<string> classNames)
    {
        var columns = new List<OutputColumn>();
        if (IsBinary)
        {
            columns.Add(new OutputColumn(Score, NumberDataViewType.Single));
            columns.Add(new OutputColumn(Probability, NumberDataViewType.Single));
            columns.Add(new OutputColumn(PredictedLabel, BooleanDataViewType.Instance));
        }
        else
        {
            var names = classNames.Count == classCount ? classNames : Enumerable.Range(0, classCount).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var scoreAnnotations = new DataViewSchema.Annotations.Builder();
            scoreAnnotations.Add(SlotNamesAnnotation, new VectorDataViewType(TextDataViewType.Instance, classCount), NamesGetter(names));
            columns.Add(new OutputColumn(Score, new VectorDataViewType(NumberDataViewType.Single, classCount), scoreAnnotations.ToAnnotations()));
            DataViewSchema.Annotations? keyValues = null;
            if (classNames.Count == classCount)
            {
                var builder = new DataViewSchema.Annotations.Builder();
                builder.Add(KeyValuesAnnotation, new VectorDataViewType(TextDataViewType.Instance, classCount), NamesGetter(classNames));
                keyValues = builder.ToAnnotations();
            }

            columns.Add(new OutputColumn(PredictedLabel, new KeyDataViewType(typeof(uint), classCount), keyValues));
        }

        if (AttentionWeights is not null)
        {
            columns.Add(new OutputColumn(AttentionWeights, new VectorDataViewType(NumberDataViewType.Single)));
        }

        return columns;
    }

    private static ValueGetter<VBuffer<ReadOnlyMemory<char>>> NamesGetter(IReadOnlyList<string> names) =>
        (ref VBuffer<ReadOnlyMemory<char>> value) => value = new VBuffer<ReadOnlyMemory<char>>(names.Count, names.Select(n => n.AsMemory()).ToArray());
}
