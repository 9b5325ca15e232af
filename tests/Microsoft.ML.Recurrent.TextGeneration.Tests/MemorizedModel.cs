namespace Microsoft.ML.Recurrent.TextGeneration.Tests;

/// <summary>A small LSTM trained until it has memorised a short periodic corpus; shared by the tests of one class.</summary>
public sealed class MemorizedModel
{
    public const string Period = "the cat sat on the mat. the dog ate the hat. ";

    public MemorizedModel()
    {
        Text = string.Concat(Enumerable.Repeat(Period, 40));
        Model = CharLanguageModel.Fit(Text, Options());
    }

    public string Text { get; }

    public CharLanguageModel Model { get; }

    public static CharLanguageModelOptions Options() => new()
    {
        HiddenSize = 64,
        NumLayers = 1,
        EmbeddingSize = 16,
        Dropout = 0f,
        SequenceLength = 20,
        BatchSize = 4,
        LearningRate = 1e-2f,
        LearningRateDecay = 1f,
        Epochs = 40,
        TimeBudget = null,
        ValidationFraction = 0f,
    };
}
