namespace Microsoft.ML.Recurrent.TextClassification.Training;

/// <summary>Resolves <see cref="TextClassifierOptions.ClassWeights"/> and <see cref="TextClassifierOptions.BalanceClasses"/> into loss weights.</summary>
internal static class ClassWeighting
{
    /// <summary>The loss weight of each class, or null for equal weights.</summary>
    /// <exception cref="ArgumentException">Explicit weights do not have one entry per class.</exception>
    public static float[]? Resolve(TextClassifierOptions options, IReadOnlyList<int> labels, int classCount)
    {
        if (options.ClassWeights is { } weights)
        {
            if (weights.Count != classCount)
            {
                throw new ArgumentException(
                    $"TextClassifierOptions.ClassWeights has {weights.Count} weights, but there are {classCount} classes; give one weight per class.", nameof(options));
            }

            return [.. weights];
        }

        if (!options.BalanceClasses)
        {
            return null;
        }

        // n / (classes · n_c); a class without examples never appears in the loss, so its weight is irrelevant (1).
        var counts = new int[classCount];
        foreach (int label in labels)
        {
            counts[label]++;
        }

        return counts.Select(n => n == 0 ? 1f : (float)(labels.Count / ((double)classCount * n))).ToArray();
    }
}
