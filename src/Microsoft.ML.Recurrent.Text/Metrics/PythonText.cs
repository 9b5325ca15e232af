using System.Text;

namespace Microsoft.ML.Recurrent.Text.Metrics;

/// <summary>
/// The string primitives sacreBLEU relies on, with Python's semantics: white space is what <c>str.isspace</c> accepts
/// (.NET's white space plus U+001C–U+001F) and characters are code points.
/// </summary>
internal static class PythonText
{
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001C' and <= '\u001F';

    /// <summary><c>str.split()</c>: the non-empty runs between white space.</summary>
    public static string[] Split(string text)
    {
        var parts = new List<string>();
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool space = i == text.Length || IsSpace(text[i]);
            if (space && start >= 0)
            {
                parts.Add(text[start..i]);
                start = -1;
            }
            else if (!space && start < 0)
            {
                start = i;
            }
        }

        return parts.ToArray();
    }

    /// <summary><c>str.rstrip()</c>.</summary>
    public static string TrimEnd(string text)
    {
        int end = text.Length;
        while (end > 0 && IsSpace(text[end - 1]))
        {
            end--;
        }

        return text[..end];
    }

    /// <summary>The code points of <paramref name="text"/>, each as a string, leaving out white space unless <paramref name="keepSpace"/>.</summary>
    public static string[] CodePoints(string text, bool keepSpace)
    {
        var points = new List<string>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (keepSpace || !(rune.IsBmp && IsSpace((char)rune.Value)))
            {
                points.Add(rune.ToString());
            }
        }

        return points.ToArray();
    }
}
