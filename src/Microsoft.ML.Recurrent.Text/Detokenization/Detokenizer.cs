using System.Text;

namespace Microsoft.ML.Recurrent.Text.Detokenization;

/// <summary>
/// Joins word-level tokens into normal text, for English, Russian and similar languages. Tokens are joined by one
/// space, except:
/// <list type="bullet">
/// <item>no space before closing punctuation . , ! ? ; : % … ) ] } » ” ’ › (or a token made only of them, such as "?!");</item>
/// <item>no space after opening brackets and quotes ( [ { « “ ‘ „ ‹ ¿ ¡ and the prefixes $ £;</item>
/// <item>straight quotes " and ' alternate: the first opens (space before, none after), the next closes;</item>
/// <item>“ closes a „ that is still open (German and Russian inner quotes), otherwise it opens;</item>
/// <item>contraction pieces such as "'s", "’re" and "n't" attach to the previous token;</item>
/// <item>"/" attaches on both sides; dashes (—, –, a lone -) keep a space on both sides, as in Russian typography.</item>
/// </list>
/// Case is kept as it is. Subword tokens must be merged first (<see cref="Subwords.BpeModel.Decode"/>).
/// </summary>
public static class Detokenizer
{
    private const string Closing = ".,!?;:%…)]}»”’›";
    private const string Opening = "([{«“‘„‹¿¡$£";

    /// <summary>Joins <paramref name="tokens"/> into text; empty tokens are skipped.</summary>
    public static string Detokenize(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var text = new StringBuilder();
        bool glueNext = true;
        bool doubleQuoteOpen = false, singleQuoteOpen = false;
        int lowQuotesOpen = 0;
        foreach (string token in tokens)
        {
            if (string.IsNullOrEmpty(token))
            {
                continue;
            }

            bool glueLeft, glueRight;
            switch (token)
            {
                case "\"":
                    (glueLeft, glueRight) = Toggle(ref doubleQuoteOpen);
                    break;
                case "'":
                    (glueLeft, glueRight) = Toggle(ref singleQuoteOpen);
                    break;
                case "/":
                    (glueLeft, glueRight) = (true, true);
                    break;
                case "“" when lowQuotesOpen > 0:
                    lowQuotesOpen--;
                    (glueLeft, glueRight) = (true, false);
                    break;
                default:
                    lowQuotesOpen += token == "„" ? 1 : 0;
                    glueLeft = AllIn(token, Closing) || IsContractionPiece(token);
                    glueRight = AllIn(token, Opening);
                    break;
            }

            if (!glueNext && !glueLeft)
            {
                text.Append(' ');
            }

            text.Append(token);
            glueNext = glueRight;
        }

        return text.ToString();
    }

    private static (bool GlueLeft, bool GlueRight) Toggle(ref bool open)
    {
        open = !open;
        return open ? (false, true) : (true, false);
    }

    private static bool AllIn(string token, string set)
    {
        foreach (char c in token)
        {
            if (!set.Contains(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"'s", "’ll", "n't": pieces that a contraction-splitting tokenizer cut off the previous word.</summary>
    private static bool IsContractionPiece(string token) =>
        (token.Length > 1 && token[0] is '\'' or '’' && char.IsLetter(token[1]))
        || token.Equals("n't", StringComparison.OrdinalIgnoreCase)
        || token.Equals("n’t", StringComparison.OrdinalIgnoreCase);
}
