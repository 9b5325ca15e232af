using Microsoft.ML.Recurrent;

namespace Microsoft.ML;

/// <summary>
/// The recurrent text classifier on <c>mlContext.BinaryClassification.Trainers</c> and
/// <c>mlContext.MulticlassClassification.Trainers</c>, beside ML.NET's SdcaLogisticRegression and LbfgsMaximumEntropy.
/// </summary>
public static class RecurrentTextClassificationCatalog
{
    /// <summary>
    /// Trains a binary text classifier: a bidirectional LSTM over the words of <paramref name="textColumnName"/>, max-pooled,
    /// with a logistic output. Every other setting has a tuned default; see <see cref="LstmTextClassifierOptions"/>.
    /// </summary>
    /// <param name="catalog">The binary classification trainers.</param>
    /// <param name="labelColumnName">Label column of type <see cref="bool"/>.</param>
    /// <param name="textColumnName">Raw text column, or a key-vector column from TokenizeIntoWords then MapValueToKey.</param>
    /// <param name="extraFeaturesColumnName">Optional vector-of-<see cref="float"/> column (for example FeaturizeText's output) joined before the output layer.</param>
    public static LstmTextClassificationTrainer LstmTextClassifier(
        this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, string labelColumnName = "Label", string textColumnName = "Text", string? extraFeaturesColumnName = null) =>
        catalog.LstmTextClassifier(new LstmTextClassifierOptions { LabelColumnName = labelColumnName, TextColumnName = textColumnName, ExtraFeaturesColumnName = extraFeaturesColumnName });

    /// <summary>Trains a binary text classifier configured by <paramref name="options"/>.</summary>
    /// <param name="catalog">The binary classification trainers.</param>
    /// <param name="options">Columns and model settings; see <see cref="LstmTextClassifierOptions"/> for their defaults.</param>
    public static LstmTextClassificationTrainer LstmTextClassifier(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, LstmTextClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new LstmTextClassificationTrainer(options, isBinary: true);
    }

    /// <summary>
    /// Trains a multiclass text classifier: a bidirectional LSTM over the words of <paramref name="textColumnName"/>,
    /// max-pooled, with a softmax output over the label's key values. See <see cref="LstmTextClassifierOptions"/> for every setting.
    /// </summary>
    /// <param name="catalog">The multiclass classification trainers.</param>
    /// <param name="labelColumnName">Label column of key type (for example from MapValueToKey).</param>
    /// <param name="textColumnName">Raw text column, or a key-vector column from TokenizeIntoWords then MapValueToKey.</param>
    /// <param name="extraFeaturesColumnName">Optional vector-of-<see cref="float"/> column joined before the output layer.</param>
    public static LstmTextClassificationTrainer LstmTextClassifier(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, string labelColumnName = "Label", string textColumnName = "Text", string? extraFeaturesColumnName = null) =>
        catalog.LstmTextClassifier(new LstmTextClassifierOptions { LabelColumnName = labelColumnName, TextColumnName = textColumnName, ExtraFeaturesColumnName = extraFeaturesColumnName });

    /// <summary>Trains a multiclass text classifier configured by <paramref name="options"/>.</summary>
    /// <param name="catalog">The multiclass classification trainers.</param>
    /// <param name="options">Columns and model settings; see <see cref="LstmTextClassifierOptions"/> for their defaults.</param>
    public static LstmTextClassificationTrainer LstmTextClassifier(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, LstmTextClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new LstmTextClassificationTrainer(options, isBinary: false);
    }
}
