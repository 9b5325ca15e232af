using System.Text;

namespace Microsoft.ML.Recurrent.Text.Normalization;

/// <summary>
/// The first pipeline stage: rewrites raw text before it is split into tokens. Lowercasing uses the invariant
/// culture (the same result on every machine). No Unicode normalization (NFC/NFD) is applied, because .NET leaves
/// non-ASCII text unchanged in invariant-globalization processes; normalize beforehand if your data mixes forms.
/// </summary>
public sealed class TextNormalizer
{
    /// <summary>Lowercase with the invariant culture (Cyrillic, Greek and other cased scripts included).</summary>
    public bool Lowercase { get; init; }

    /// <summary>Replace every run of white space (spaces, tabs, line breaks) by one space and trim both ends.</summary>
    public bool CollapseWhitespace { get; init; }

    /// <summary>Returns the normalized text.</summary>
    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string result = Lowercase ? text.ToLowerInvariant() : text;
        return CollapseWhitespace ? Collapse(result) : result;
    }

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        bool pendingSpace = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
