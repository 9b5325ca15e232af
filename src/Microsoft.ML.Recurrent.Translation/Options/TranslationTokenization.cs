namespace Microsoft.ML.Recurrent.Translation;

/// <summary>The units each side's vocabulary is made of.</summary>
public enum TranslationTokenization
{
    /// <summary>Words and punctuation marks.</summary>
    Words,

    /// <summary>Subwords from byte-pair encoding learned on each side's training texts (suits rich morphology such as Russian).</summary>
    Subwords,

    /// <summary>Single characters (Unicode scalar values, spaces included), for spelling-level tasks such as transliteration or arithmetic.</summary>
    Characters,
}
