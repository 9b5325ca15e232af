using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Text.Detokenization;
using Microsoft.ML.Recurrent.Text.Normalization;

namespace Microsoft.ML.Recurrent.Text.Tokenization;

/// <summary>
/// Splits text into words and punctuation, in any script. The rules:
/// <list type="bullet">
/// <item>A word is a run of letters, combining marks and digits of any script (Unicode categories L, M, N).</item>
/// <item>An apostrophe (' or ’), a hyphen (-, U+2010, U+2011) or a zero-width (non-)joiner stays inside a word when a
/// word character follows it: "don't", "O’Neill", "кто-то" and "COVID-19" are one token each; "'tis" and "students'"
/// give a separate apostrophe token.</item>
/// <item>A '.', ',' or ':' between two digits stays inside a number: "3.14", "1,000", "10:30".</item>
/// <item>Every other character that is not white space is a token of its own, together with the characters it forms
/// one user-perceived character with (an emoji with its modifiers or joiners, a symbol with its combining marks):
/// "..." gives three "." tokens, "👍🏽" one token.</item>
/// <item>White space, control characters, U+200B and U+FEFF separate tokens and are never tokens themselves.</item>
/// </list>
/// Scripts written without spaces (Chinese, Japanese, Thai) give one token per run of letters; use
/// <see cref="CharacterTokenizer"/> or subwords for them.
/// No token ends with <see cref="Subwords.BpeModel.ContinuationMarker"/>, so byte-pair encoding of its output is always
/// reversible. <see cref="Detokenize"/> uses <see cref="Detokenizer"/>.
/// </summary>
public sealed class WordTokenizer : Tokenizer
{
    internal const string KindName = "word";

    /// <summary>Creates the tokenizer.</summary>
    /// <param name="normalizer">Applied first, for example to lowercase; defaults to no change.</param>
    /// <param name="keepPunctuation">False drops punctuation tokens (Unicode category P); symbols such as emoji, currency and math signs stay.</param>
    public WordTokenizer(TextNormalizer? normalizer = null, bool keepPunctuation = true)
        : base(normalizer)
    {
        KeepPunctuation = keepPunctuation;
    }

    /// <summary>Whether punctuation tokens are kept.</summary>
    public bool KeepPunctuation { get; }

    /// <inheritdoc />
    public override string Detokenize(IEnumerable<string> tokens) => Detokenizer.Detokenize(tokens);

    private protected override string Kind => KindName;

    private protected override void WriteSettings(JsonObject json) => json["keepPunctuation"] = KeepPunctuation;

    private protected override void Split(string text, List<string> tokens)
    {
        int i = 0;
        while (i < text.Length)
        {
            var rune = RuneAt(text, i, out int width);
            if (IsSeparator(rune))
            {
                i += width;
            }
            else if (IsWordRune(rune))
            {
                int end = WordEnd(text, i);
                tokens.Add(text[i..end]);
                i = end;
            }
            else
            {
                int length = ClusterLength(text, i);
                if (KeepPunctuation || !IsPunctuation(rune))
                {
                    tokens.Add(text.Substring(i, length));
                }

                i += length;
            }
        }
    }

    /// <summary>End of the word starting at <paramref name="start"/> (a word rune).</summary>
    private static int WordEnd(string text, int start)
    {
        int i = start;
        var previous = RuneAt(text, i, out int width);
        i += width;
        while (i < text.Length)
        {
            var rune = RuneAt(text, i, out width);
            if (!IsWordRune(rune))
            {
                bool nextIsWord = i + width < text.Length && IsWordRune(RuneAt(text, i + width, out _));
                bool inNumber = (rune.Value is '.' or ',' or ':') && Rune.IsDigit(previous)
                    && i + width < text.Length && Rune.IsDigit(RuneAt(text, i + width, out _));
                if (!(nextIsWord && IsJoiner(rune)) && !inNumber)
                {
                    break;
                }
            }

            previous = rune;
            i += width;
        }

        return i;
    }

    /// <summary>Length of the user-perceived character at <paramref name="start"/>, cut at any separator it would swallow.</summary>
    private static int ClusterLength(string text, int start)
    {
        int end = start + StringInfo.GetNextTextElementLength(text, start);
        RuneAt(text, start, out int i);
        i += start;
        while (i < end && !IsSeparator(RuneAt(text, i, out int width)))
        {
            i += width;
        }

        return i - start;
    }

    private static Rune RuneAt(string text, int index, out int width)
    {
        Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out width);
        return rune;
    }

    private static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };

    private static bool IsJoiner(Rune rune) => rune.Value is '\'' or '\u2019' or '-' or '\u2010' or '\u2011' or '\u200C' or '\u200D';

    private static bool IsSeparator(Rune rune) =>
        Rune.IsWhiteSpace(rune) || Rune.IsControl(rune) || rune.Value is '\u200B' or '\uFEFF';

    private static bool IsPunctuation(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
        _ => false,
    };
}
