using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Text.Tests.Subwords;

/// <summary>Reproducible pseudo-words built from English and Russian syllables, with a Zipf-like frequency spread.</summary>
internal static class SyntheticCorpus
{
    private static readonly string[] Syllables =
    [
        "the", "ing", "er", "an", "re", "on", "at", "en", "nd", "ti", "es", "or", "te", "of", "ed", "is", "it", "al",
        "при", "ве", "ст", "но", "ра", "ко", "то", "на", "ли", "ть", "ов", "ени", "ого", "ся", "ая", "ый",
    ];

    public static List<string> Sentences(int count, int wordsPerSentence, int vocabulary, int seed)
    {
        var random = new RandomSource(seed);
        var words = Enumerable.Range(0, vocabulary).Select(_ => Word(random)).ToArray();
        var sentences = new List<string>(count);
        for (int s = 0; s < count; s++)
        {
            var sentence = new string[wordsPerSentence];
            for (int w = 0; w < wordsPerSentence; w++)
            {
                // Squaring a uniform draw favours low indices: a few frequent words and a long tail.
                float u = random.NextFloat();
                sentence[w] = words[(int)(u * u * u * vocabulary)];
            }

            sentences.Add(string.Join(' ', sentence));
        }

        return sentences;
    }

    private static string Word(RandomSource random)
    {
        int syllables = 1 + random.NextInt(4);
        return string.Concat(Enumerable.Range(0, syllables).Select(_ => Syllables[random.NextInt(Syllables.Length)]));
    }
}
