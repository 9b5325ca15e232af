using System.Diagnostics;
using Microsoft.ML.Recurrent.Data;
using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// Trains the recurrent classifier and ML.NET's bag-of-n-grams baseline (FeaturizeText, then SdcaLogisticRegression
/// for binary or LbfgsMaximumEntropy for multiclass labels) on each training split and scores both on its test split.
/// </summary>
internal static class BaselineComparison
{
    private const string BaselineFeatures = "__BaselineFeatures";

    public static TextClassifierComparison Run(
        IReadOnlyList<(IDataView Train, IDataView Test)> splits, LstmTextClassifierOptions options, bool isBinary, IEstimator<ITransformer>? featurizer, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        var columns = TextClassificationColumns.From(options, isBinary);
        var schema = splits[0].Train.Schema;
        SchemaCheck.Require(schema, options.TextColumnName, "text, which the FeaturizeText baseline reads", ColumnKind.Text);
        var ml = new MLContext(seed);
        string baselineName = isBinary ? "FeaturizeText + SdcaLogisticRegression" : "FeaturizeText + LbfgsMaximumEntropy";
        var recurrentScores = new List<ClassificationMetrics>();
        var baselineScores = new List<ClassificationMetrics>();
        var recurrentTime = TimeSpan.Zero;
        var baselineTime = TimeSpan.Zero;
        IReadOnlyList<string> classNames = isBinary ? ["false", "true"] : [];
        foreach (var (train, test) in splits)
        {
            var watch = Stopwatch.StartNew();
            var trainer = new LstmTextClassificationTrainer(options, isBinary);
            ITransformer recurrent = featurizer is null ? trainer.Fit(train) : featurizer.Append(trainer).Fit(train);
            recurrentTime += watch.Elapsed;
            recurrentScores.Add(Score(recurrent.Transform(test), columns, options.ProbabilityColumnName, options.ScoreColumnName, out var names));
            classNames = isBinary ? classNames : names;

            watch.Restart();
            var baseline = Baseline(ml, options, isBinary).Fit(train);
            baselineTime += watch.Elapsed;
            baselineScores.Add(Score(baseline.Transform(test), columns, "Probability", "Score", out _));
        }

        return new TextClassifierComparison(baselineName, new CrossValidationResult(recurrentScores), new CrossValidationResult(baselineScores), classNames, recurrentTime, baselineTime);
    }

    /// <summary>ML.NET's standard text classification pipeline: n-gram bag, then a linear model (one thread, so runs repeat).</summary>
    private static IEstimator<ITransformer> Baseline(MLContext ml, LstmTextClassifierOptions options, bool isBinary)
    {
        var featurize = ml.Transforms.Text.FeaturizeText(BaselineFeatures, options.TextColumnName);
        return isBinary
            ? featurize.Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(
                new Trainers.SdcaLogisticRegressionBinaryTrainer.Options { LabelColumnName = options.LabelColumnName, FeatureColumnName = BaselineFeatures, NumberOfThreads = 1 }))
            : featurize.Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
                new Trainers.LbfgsMaximumEntropyMulticlassTrainer.Options { LabelColumnName = options.LabelColumnName, FeatureColumnName = BaselineFeatures, NumberOfThreads = 1 }));
    }

    /// <summary>Scores a model's output from its probabilities: the binary positive-class probability, or the multiclass score vector.</summary>
    private static ClassificationMetrics Score(IDataView scored, TextClassificationColumns columns, string probability, string score, out IReadOnlyList<string> classNames)
    {
        var schema = scored.Schema;
        var label = schema[columns.Label];
        if (columns.IsBinary)
        {
            classNames = ["false", "true"];
            int[] labels = DataViewColumns.ReadBooleans(scored, label).Select(b => b ? 1 : 0).ToArray();
            var positive = DataViewColumns.ReadSingles(scored, schema[probability]);
            return ClassificationMetrics.Compute(labels, positive.Select(p => (IReadOnlyList<float>)[1f - p, p]).ToArray(), 2);
        }

        int classCount = (int)((KeyDataViewType)label.Type).Count;
        string[] names = DataViewColumns.KeyNames(label);
        classNames = names.Length == classCount ? names : Enumerable.Range(0, classCount).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return ClassificationMetrics.Compute(DataViewColumns.ReadKeys(scored, label), DataViewColumns.ReadSingleVectors(scored, schema[score]), classCount);
    }
}
