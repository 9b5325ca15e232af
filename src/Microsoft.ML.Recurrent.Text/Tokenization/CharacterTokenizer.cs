using System.Text;
using Microsoft.ML.Recurrent.Text.Normalization;

namespace Microsoft.ML.Recurrent.Text.Tokenization;

/// <summary>
/// One token per Unicode scalar value (<see cref="Rune"/>), white space included, so text in any script works and
/// surrogate pairs (emoji, rare CJK) are never split. An unpaired surrogate becomes U+FFFD. Combining sequences stay
/// as several tokens (for example "e" + U+0301). <see cref="Detokenize"/> concatenates, so it inverts
/// <see cref="Tokenizer.Tokenize"/> exactly for well-formed, normalized text.
/// </summary>
public sealed class CharacterTokenizer : Tokenizer
{
    internal const string KindName = "character";

    /// <summary>Creates the tokenizer; <paramref name="normalizer"/> defaults to no change.</summary>
    public CharacterTokenizer(TextNormalizer? normalizer = null)
        : base(normalizer)
    {
    }

    /// <inheritdoc />
    public override string Detokenize(IEnumerable<string> tokens) => string.Concat(tokens ?? throw new ArgumentNullException(nameof(tokens)));

    private protected override string Kind => KindName;

    private protected override void Split(string text, List<string> tokens)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            tokens.Add(rune.ToString());
        }
    }
}
