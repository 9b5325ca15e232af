using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Persistence;
using Microsoft.ML.Recurrent.Mapping;
using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// A fitted recurrent text classifier as an ML.NET transformer. It appends the columns ML.NET's evaluators expect:
/// binary: Score (log-odds), Probability and a Boolean PredictedLabel; multiclass: Score (the class probabilities,
/// slots named by class) and a key PredictedLabel of the label's type. With attention pooling it can also append every
/// token's attention weight. For per-token explanations outside a pipeline, use <see cref="Model"/>.
/// </summary>
public sealed class LstmTextClassificationTransformer : RecurrentTransformerBase
{
    internal const string Kind = "LstmTextClassificationTransformer";
    private const int FormatVersion = 1;

    private readonly TextClassificationColumns columns;
    private readonly TextClassificationColumns.TrainedInputs trained;

    internal LstmTextClassificationTransformer(
        TextClassifier model, TextClassificationColumns columns, TextClassificationColumns.TrainedInputs trained, IReadOnlyList<string> classNames)
    {
        Model = model;
        this.columns = columns;
        this.trained = trained;
        ClassNames = classNames;
        OutputColumns = columns.Outputs(model.ClassCount, classNames);
    }

    /// <summary>The trained model (ML.NET-free): predictions with tokens and attention weights, evaluation, its own save.</summary>
    public TextClassifier Model { get; }

    /// <summary>
    /// Exports the classifier to ONNX at <paramref name="path"/> with its tokenizer JSON beside it, for ONNX Runtime or
    /// ML.NET's <c>ApplyOnnxModel</c>; see <see cref="TextClassifier.ExportOnnx"/>.
    /// </summary>
    public void ExportOnnx(string path) => Model.ExportOnnx(path);

    /// <summary>Whether this is a binary classifier (Boolean labels) rather than a multiclass one (key labels).</summary>
    public bool IsBinary => columns.IsBinary;

    /// <summary>Class names from the label's key values, in key order (empty for binary, or when the label had none).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    internal override IReadOnlyList<OutputColumn> OutputColumns { get; }

    internal override IReadOnlyList<string> InputColumnNames => columns.Inputs;

    internal override string ModelKind => Kind;

    internal TextClassificationColumns Columns => columns;

    internal override void CheckInputSchema(DataViewSchema inputSchema) => columns.CheckPrediction(inputSchema, trained);

    internal override RowComputation CreateComputation(DataViewRow input) => new TextClassificationComputation(this, input);

    internal override void SaveModel(Stream stream)
    {
        var architecture = new JsonObject
        {
            ["binary"] = columns.IsBinary,
            ["label"] = columns.Label,
            ["text"] = columns.Text,
            ["extraFeatures"] = columns.ExtraFeatures,
            ["score"] = columns.Score,
            ["probability"] = columns.Probability,
            ["predictedLabel"] = columns.PredictedLabel,
            ["attentionWeights"] = columns.AttentionWeights,
            ["tokenKeyCount"] = trained.TokenKeyCount,
            ["extraFeatureCount"] = trained.ExtraFeatureCount,
            ["classNames"] = new JsonArray(ClassNames.Select(n => (JsonNode)n).ToArray()),
        };
        TransformerHeader.Write(stream, Kind, FormatVersion, architecture);
        Model.Save(stream);
    }

    /// <summary>Reads a transformer written by <see cref="SaveModel"/>.</summary>
    /// <exception cref="ModelFormatException">The header or the classifier is damaged, or they disagree.</exception>
    internal static LstmTextClassificationTransformer Load(Stream stream)
    {
        var a = TransformerHeader.Read(stream, Kind, FormatVersion);
        var columns = new TextClassificationColumns(
            a.Boolean("binary"), a.String("label"), a.String("text"), a.OptionalString("extraFeatures"), a.String("score"),
            a.String("probability"), a.String("predictedLabel"), a.OptionalString("attentionWeights"));
        var trained = new TextClassificationColumns.TrainedInputs(a.OptionalInt32("tokenKeyCount", 1), a.Int32("extraFeatureCount", 0));
        string[] classNames = a.Strings("classNames");
        var model = TextClassifier.Load(stream);
        a.Require(!columns.IsBinary || model.ClassCount == 2, "binary", $"is true, but the classifier has {model.ClassCount} classes");
        a.Require(classNames.Length == 0 || classNames.Length == model.ClassCount, "classNames", $"has {classNames.Length} names for {model.ClassCount} classes");
        a.Require(trained.ExtraFeatureCount == model.ExtraFeatureCount, "extraFeatureCount", $"is {trained.ExtraFeatureCount}, but the classifier has {model.ExtraFeatureCount}");
        a.Require((trained.TokenKeyCount is not null) == model.ReadsTokenIds, "tokenKeyCount", $"is {trained.TokenKeyCount?.ToString() ?? "absent"}, but the classifier reads {(model.ReadsTokenIds ? "token ids" : "raw text")}");
        a.Require(
            columns.AttentionWeights is null || model.Options.Pooling == PoolingMode.Attention,
            "attentionWeights",
            $"names a column, but the classifier pools with {model.Options.Pooling}, not attention");
        return new LstmTextClassificationTransformer(model, columns, trained, classNames);
    }
}
