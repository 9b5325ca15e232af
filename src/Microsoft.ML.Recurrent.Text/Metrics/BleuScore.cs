using System.Globalization;

namespace Microsoft.ML.Recurrent.Text.Metrics;

/// <summary>A BLEU score with the figures sacreBLEU prints beside it.</summary>
/// <param name="Score">BLEU, 0 to 100.</param>
/// <param name="Precisions">Smoothed n-gram precisions in percent, order 1 first.</param>
/// <param name="Matches">Matched (clipped) n-grams per order.</param>
/// <param name="Totals">Hypothesis n-grams per order.</param>
/// <param name="BrevityPenalty">exp(1 − reference length / hypothesis length) when the hypotheses are shorter, else 1.</param>
/// <param name="HypothesisLength">Words in all hypotheses.</param>
/// <param name="ReferenceLength">Words in the closest reference of each hypothesis, summed.</param>
public sealed record BleuScore(
    double Score,
    IReadOnlyList<double> Precisions,
    IReadOnlyList<long> Matches,
    IReadOnlyList<long> Totals,
    double BrevityPenalty,
    long HypothesisLength,
    long ReferenceLength)
{
    /// <summary>Hypothesis length over reference length.</summary>
    public double Ratio => ReferenceLength > 0 ? (double)HypothesisLength / ReferenceLength : 0;

    /// <summary>sacreBLEU's line, for example "BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)".</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"BLEU = {Score:F2} {string.Join("/", Precisions.Select(p => p.ToString("F1", CultureInfo.InvariantCulture)))} (BP = {BrevityPenalty:F3} ratio = {Ratio:F3} hyp_len = {HypothesisLength} ref_len = {ReferenceLength})");
}
