namespace Microsoft.ML.Recurrent.TextClassification;

/// <summary>How raw text is split into tokens.</summary>
public enum TextTokenization
{
    /// <summary>Words and punctuation marks in any script (the text layer's <c>WordTokenizer</c>).</summary>
    Words,

    /// <summary>One token per Unicode scalar value, white space included (the text layer's <c>CharacterTokenizer</c>).</summary>
    Characters,
}
