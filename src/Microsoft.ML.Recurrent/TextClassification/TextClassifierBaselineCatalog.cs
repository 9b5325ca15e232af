using Microsoft.ML.Recurrent;

namespace Microsoft.ML;

/// <summary>
/// One call that trains the recurrent text classifier and ML.NET's FeaturizeText plus logistic-regression baseline on the
/// same data and splits, and reports both side by side (<see cref="TextClassifierComparison"/>).
/// </summary>
public static class TextClassifierBaselineCatalog
{
    /// <summary>
    /// Trains the recurrent classifier and FeaturizeText + SdcaLogisticRegression on <paramref name="trainData"/> and
    /// scores both on <paramref name="testData"/>. The label column must be Boolean and the text column raw text.
    /// </summary>
    /// <param name="catalog">The binary classification catalog.</param>
    /// <param name="trainData">Training rows.</param>
    /// <param name="testData">Held-out rows.</param>
    /// <param name="options">The recurrent classifier's columns and settings.</param>
    /// <param name="featurizer">Optional transforms fitted on the training data before the recurrent classifier, for example FeaturizeText producing <see cref="LstmTextClassifierOptions.ExtraFeaturesColumnName"/>.</param>
    /// <param name="seed">Seed of the baseline's context. Default 1.</param>
    public static TextClassifierComparison CompareWithBaseline(
        this BinaryClassificationCatalog catalog, IDataView trainData, IDataView testData, LstmTextClassifierOptions options, IEstimator<ITransformer>? featurizer = null, int seed = 1) =>
        Compare(catalog, trainData, testData, options, featurizer, seed, isBinary: true);

    /// <summary>
    /// Cross-validates the recurrent classifier and FeaturizeText + SdcaLogisticRegression on the same
    /// <paramref name="numberOfFolds"/> folds (ML.NET's CrossValidationSplit with <paramref name="seed"/>).
    /// </summary>
    /// <param name="catalog">The binary classification catalog.</param>
    /// <param name="data">All rows.</param>
    /// <param name="options">The recurrent classifier's columns and settings.</param>
    /// <param name="numberOfFolds">Number of folds, at least 2. Default 5.</param>
    /// <param name="featurizer">Optional transforms fitted on each training split before the recurrent classifier.</param>
    /// <param name="seed">Seed of the fold assignment and the baseline's context. Default 1.</param>
    public static TextClassifierComparison CrossValidateWithBaseline(
        this BinaryClassificationCatalog catalog, IDataView data, LstmTextClassifierOptions options, int numberOfFolds = 5, IEstimator<ITransformer>? featurizer = null, int seed = 1) =>
        CrossValidate(catalog, data, options, numberOfFolds, featurizer, seed, isBinary: true);

    /// <summary>
    /// Trains the recurrent classifier and FeaturizeText + LbfgsMaximumEntropy on <paramref name="trainData"/> and scores
    /// both on <paramref name="testData"/>. The label column must be a key and the text column raw text.
    /// </summary>
    /// <param name="catalog">The multiclass classification catalog.</param>
    /// <param name="trainData">Training rows.</param>
    /// <param name="testData">Held-out rows.</param>
    /// <param name="options">The recurrent classifier's columns and settings.</param>
    /// <param name="featurizer">Optional transforms fitted on the training data before the recurrent classifier.</param>
    /// <param name="seed">Seed of the baseline's context. Default 1.</param>
    public static TextClassifierComparison CompareWithBaseline(
        this MulticlassClassificationCatalog catalog, IDataView trainData, IDataView testData, LstmTextClassifierOptions options, IEstimator<ITransformer>? featurizer = null, int seed = 1) =>
        Compare(catalog, trainData, testData, options, featurizer, seed, isBinary: false);

    /// <summary>Cross-validates the recurrent classifier and FeaturizeText + LbfgsMaximumEntropy on the same folds.</summary>
    /// <param name="catalog">The multiclass classification catalog.</param>
    /// <param name="data">All rows.</param>
    /// <param name="options">The recurrent classifier's columns and settings.</param>
    /// <param name="numberOfFolds">Number of folds, at least 2. Default 5.</param>
    /// <param name="featurizer">Optional transforms fitted on each training split before the recurrent classifier.</param>
    /// <param name="seed">Seed of the fold assignment and the baseline's context. Default 1.</param>
    public static TextClassifierComparison CrossValidateWithBaseline(
        this MulticlassClassificationCatalog catalog, IDataView data, LstmTextClassifierOptions options, int numberOfFolds = 5, IEstimator<ITransformer>? featurizer = null, int seed = 1) =>
        CrossValidate(catalog, data, options, numberOfFolds, featurizer, seed, isBinary: false);

    private static TextClassifierComparison Compare(
        object catalog, IDataView trainData, IDataView testData, LstmTextClassifierOptions options, IEstimator<ITransformer>? featurizer, int seed, bool isBinary)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(trainData);
        ArgumentNullException.ThrowIfNull(testData);
        return BaselineComparison.Run([(trainData, testData)], options, isBinary, featurizer, seed);
    }

    private static TextClassifierComparison CrossValidate(
        object catalog, IDataView data, LstmTextClassifierOptions options, int numberOfFolds, IEstimator<ITransformer>? featurizer, int seed, bool isBinary)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        if (numberOfFolds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(numberOfFolds), numberOfFolds, "Parameter 'numberOfFolds' must be at least 2.");
        }

        var splits = new MLContext(seed).Data.CrossValidationSplit(data, numberOfFolds, seed: seed);
        return BaselineComparison.Run(splits.Select(s => (s.TrainSet, s.TestSet)).ToArray(), options, isBinary, featurizer, seed);
    }
}
