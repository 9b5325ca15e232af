using System.Text;

namespace Microsoft.ML.Recurrent.Text.Subwords;

/// <summary>The starting point shared by learning and applying: a word as Unicode scalar values, the last one carrying the end-of-word suffix.</summary>
internal static class BpeSymbols
{
    /// <summary>Splits <paramref name="word"/> into its initial symbols, after checking it can be encoded reversibly.</summary>
    public static string[] Split(string word, string parameterName)
    {
        Validate(word, parameterName);
        string[] symbols = word.EnumerateRunes().Select(rune => rune.ToString()).ToArray();
        symbols[^1] += BpeModel.EndOfWord;
        return symbols;
    }

    /// <summary>
    /// Replaces each non-overlapping (<paramref name="left"/>, <paramref name="right"/>), scanning left to right, by
    /// <paramref name="merged"/> in place; returns the new length.
    /// </summary>
    public static int MergeInPlace<T>(Span<T> symbols, T left, T right, T merged)
        where T : IEquatable<T>
    {
        int write = 0;
        for (int read = 0; read < symbols.Length; write++)
        {
            bool match = read + 1 < symbols.Length && symbols[read].Equals(left) && symbols[read + 1].Equals(right);
            symbols[write] = match ? merged : symbols[read];
            read += match ? 2 : 1;
        }

        return write;
    }

    private static void Validate(string word, string parameterName)
    {
        if (string.IsNullOrEmpty(word))
        {
            throw new ArgumentException($"Parameter '{parameterName}' contains an empty word; words must have at least one character.", parameterName);
        }

        if (word.EndsWith(BpeModel.ContinuationMarker, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Parameter '{parameterName}' contains the word '{word}', which ends with the continuation marker '{BpeModel.ContinuationMarker}' and could not be decoded unambiguously.",
                parameterName);
        }

        foreach (var rune in word.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                throw new ArgumentException(
                    $"Parameter '{parameterName}' contains the word '{word}' with white space (U+{rune.Value:X4}); words must not contain white space.",
                    parameterName);
            }
        }
    }
}
