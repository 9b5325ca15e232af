namespace Microsoft.ML.Recurrent.Translation;

/// <summary>What the validation pairs measure after each epoch to choose the best epoch.</summary>
public enum EarlyStoppingMetric
{
    /// <summary>Mean token cross-entropy of the references (teacher forced, no label smoothing); lower is better.</summary>
    Loss,

    /// <summary>Corpus BLEU of greedy translations; higher is better.</summary>
    Bleu,
}
