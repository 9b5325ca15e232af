using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent.TextClassification.Tests;

/// <summary>Models trained once and shared by the tests that only read them (fitted classifiers are immutable).</summary>
internal static class TrainedModels
{
    /// <summary>The external vocabulary of the token-id model: every synthetic word, plus one never used in training.</summary>
    public static readonly string[] Names = [.. SyntheticTexts.Negative, .. SyntheticTexts.Positive, .. SyntheticTexts.Fillers, "unseen"];

    private static readonly Lazy<TextClassifier> AttentionModel = new(() =>
    {
        var (texts, labels) = SyntheticTexts.Sentiment(400, seed: 1);
        return TextClassifier.Fit(texts, labels, 2, SyntheticTexts.Quick(PoolingMode.Attention));
    });

    private static readonly Lazy<(TextClassifier Model, int[][] Ids)> TokenIdModel = new(() =>
    {
        var (texts, labels) = SyntheticTexts.Sentiment(400, seed: 2);
        var ids = texts.Select(IdsOf).ToArray();
        return (TextClassifier.Fit(ids, Names.Length, labels, 2, SyntheticTexts.Quick(), tokenNames: Names), ids);
    });

    /// <summary>Bidirectional LSTM with attention pooling, trained on 400 synthetic sentiment sentences.</summary>
    public static TextClassifier Attention => AttentionModel.Value;

    /// <summary>A model trained on token ids of <see cref="Names"/>, and its training sequences.</summary>
    public static (TextClassifier Model, int[][] Ids) TokenIdModelAndIds => TokenIdModel.Value;

    /// <summary>The ids of <paramref name="text"/>'s words in <see cref="Names"/> (<see cref="TextClassifier.UnknownTokenId"/> for others).</summary>
    public static int[] IdsOf(string text) => text.Split(' ').Select(w => Array.IndexOf(Names, w)).ToArray();
}
