namespace Microsoft.ML.Recurrent.Translation;

/// <summary>How <see cref="Translator"/> searches for translations. The defaults are beam search with 5 beams.</summary>
public sealed class DecodingOptions
{
    /// <summary>Largest <see cref="BeamSize"/> (and n-best count): 256.</summary>
    public const int MaxBeamSize = 256;

    /// <summary>Largest <see cref="MaxLength"/> and <see cref="NoRepeatNGramSize"/>: 10,000 tokens.</summary>
    public const int MaxLengthLimit = 10_000;

    /// <summary>Hypotheses kept per step, at most <see cref="MaxBeamSize"/>; 1 is greedy decoding. Default 5.</summary>
    public int BeamSize { get; set; } = 5;

    /// <summary>
    /// α of the length normalisation used to rank finished hypotheses: score = log P(y|x) / ((5 + |y|) / 6)^α, with |y|
    /// the tokens including the end of sentence (Wu et al. 2016). 0 ranks by log-probability alone (favouring short
    /// outputs); larger values favour longer ones. Must be ≥ 0. Default 0.6.
    /// </summary>
    public float LengthPenalty { get; set; } = 0.6f;

    /// <summary>Most target tokens generated, at most <see cref="MaxLengthLimit"/>; 0 means 2 × the source tokens + 10 (also capped there). Default 0.</summary>
    public int MaxLength { get; set; }

    /// <summary>Never generate an n-gram of this many tokens twice in one translation; 0 disables the check. Default 0.</summary>
    public int NoRepeatNGramSize { get; set; }

    /// <summary>Returns a copy of these settings.</summary>
    public DecodingOptions Clone() => (DecodingOptions)MemberwiseClone();

    /// <summary>Greedy decoding (beam size 1) with otherwise default settings.</summary>
    public static DecodingOptions Greedy => new() { BeamSize = 1 };

    /// <summary>Checks every setting; throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid one.</summary>
    public void Validate()
    {
        if (BeamSize is < 1 or > MaxBeamSize)
        {
            throw new ArgumentOutOfRangeException(nameof(BeamSize), BeamSize, $"BeamSize is {BeamSize}; it must be at least 1 (1 is greedy decoding) and at most {MaxBeamSize}.");
        }

        if (!(LengthPenalty >= 0f) || float.IsInfinity(LengthPenalty))
        {
            throw new ArgumentOutOfRangeException(nameof(LengthPenalty), LengthPenalty, "LengthPenalty must be a finite value ≥ 0.");
        }

        if (MaxLength is < 0 or > MaxLengthLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLength), MaxLength, $"MaxLength is {MaxLength}; it must be at least 0 (0 means 2 × source tokens + 10) and at most {MaxLengthLimit:N0}.");
        }

        if (NoRepeatNGramSize is < 0 or > MaxLengthLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(NoRepeatNGramSize), NoRepeatNGramSize, $"NoRepeatNGramSize is {NoRepeatNGramSize}; it must be at least 0 (0 disables it) and at most {MaxLengthLimit:N0}.");
        }
    }

    /// <summary>The length normaliser ((5 + length) / 6)^α.</summary>
    internal double Normalizer(int length) => LengthPenalty == 0f ? 1.0 : Math.Pow((5.0 + length) / 6.0, LengthPenalty);

    /// <summary>The length limit for a source of <paramref name="sourceTokens"/> tokens.</summary>
    internal int LengthLimit(int sourceTokens) => MaxLength > 0 ? MaxLength : Math.Min(2 * sourceTokens + 10, MaxLengthLimit);
}
