using System.Text.RegularExpressions;

namespace Microsoft.ML.Recurrent.Text.Metrics;

/// <summary>Splits a segment into words as sacreBLEU does before counting n-grams.</summary>
internal static partial class BleuTokenizer
{
    public static string[] Words(string segment, BleuTokenization tokenization) => tokenization switch
    {
        BleuTokenization.Mteval13a => PythonText.Split(Mteval13a(segment)),
        BleuTokenization.None => PythonText.Split(segment),
        BleuTokenization.Character => PythonText.CodePoints(segment, keepSpace: false),
        _ => throw new ArgumentOutOfRangeException(nameof(tokenization), tokenization, "Unknown BLEU tokenization."),
    };

    /// <summary>mteval-v13a: drop skip markers and line joins, unescape four HTML entities, then split punctuation off.</summary>
    private static string Mteval13a(string line)
    {
        line = line.Replace("<skipped>", "", StringComparison.Ordinal)
            .Replace("-\n", "", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal);
        if (line.Contains('&'))
        {
            line = line.Replace("&quot;", "\"", StringComparison.Ordinal)
                .Replace("&amp;", "&", StringComparison.Ordinal)
                .Replace("&lt;", "<", StringComparison.Ordinal)
                .Replace("&gt;", ">", StringComparison.Ordinal);
        }

        line = Symbols().Replace($" {line} ", " $1 ");
        line = PeriodOrCommaAfterNonDigit().Replace(line, "$1 $2 ");
        line = PeriodOrCommaBeforeNonDigit().Replace(line, " $1 $2");
        return DashAfterDigit().Replace(line, "$1 $2 ");
    }

    /// <summary>ASCII punctuation and symbols except apostrophe, comma, hyphen and period: { | } ~ [ \ ] ^ _ ` space ! " # $ % &amp; ( ) * + : ; &lt; = &gt; ? @ /.</summary>
    [GeneratedRegex(@"([\u007B-\u007E\u005B-\u0060\u0020-\u0026\u0028-\u002B\u003A-\u0040/])")]
    private static partial Regex Symbols();

    [GeneratedRegex(@"([^0-9])([.,])")]
    private static partial Regex PeriodOrCommaAfterNonDigit();

    [GeneratedRegex(@"([.,])([^0-9])")]
    private static partial Regex PeriodOrCommaBeforeNonDigit();

    [GeneratedRegex(@"([0-9])(-)")]
    private static partial Regex DashAfterDigit();
}
