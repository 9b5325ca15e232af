namespace Microsoft.ML.Recurrent.Translation;

/// <summary>Corpus scores of translations against references, sacreBLEU-compatible.</summary>
/// <param name="Bleu">Corpus BLEU (13a tokenization, 4-grams, brevity penalty, exponential smoothing), 0–100.</param>
/// <param name="Chrf">Corpus chrF2 (character 6-grams, β = 2), 0–100.</param>
public readonly record struct TranslationMetrics(double Bleu, double Chrf);
