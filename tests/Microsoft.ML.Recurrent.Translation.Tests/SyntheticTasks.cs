using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Translation.Tests;

/// <summary>Seeded synthetic translation tasks: string reversal and addition.</summary>
internal static class SyntheticTasks
{
    /// <summary>Random strings of 3–<paramref name="maxLength"/> letters from a–<paramref name="alphabet"/>, and the same strings reversed.</summary>
    public static (string[] Sources, string[] Targets) Reversal(int count, int seed, int maxLength = 8, char alphabet = 'j')
    {
        var random = new RandomSource(seed);
        var sources = new string[count];
        for (int i = 0; i < count; i++)
        {
            var letters = new char[3 + random.NextInt(maxLength - 2)];
            for (int j = 0; j < letters.Length; j++)
            {
                letters[j] = (char)('a' + random.NextInt(alphabet - 'a' + 1));
            }

            sources[i] = new string(letters);
        }

        return (sources, sources.Select(s => new string(s.Reverse().ToArray())).ToArray());
    }

    /// <summary>Trained options for a small, fast character-level model.</summary>
    public static TranslatorOptions SmallCharacterModel(AttentionType attention = AttentionType.Luong) => new()
    {
        Tokenization = TranslationTokenization.Characters,
        EmbeddingDimension = 32,
        HiddenSize = 64,
        Attention = attention,
        Dropout = 0f,
        LabelSmoothing = 0f,
        BatchSize = 32,
        LearningRate = 5e-3f,
        Epochs = 12,
        EarlyStopping = EarlyStoppingMetric.Loss,
        ValidationFraction = 0.1f,
    };
}
