namespace Microsoft.ML.Recurrent.Text.Metrics;

/// <summary>How <see cref="Bleu"/> splits hypotheses and references into words (sacreBLEU's <c>tokenize</c> option).</summary>
public enum BleuTokenization
{
    /// <summary>sacreBLEU's default "13a", the tokenization of WMT's mteval-v13a.pl: punctuation and symbols are split off, except '.' and ',' between digits.</summary>
    Mteval13a,

    /// <summary>"none": the text is already tokenized; words are split at white space only.</summary>
    None,

    /// <summary>"char": every character (code point) except white space is a word.</summary>
    Character,
}
