using System.Globalization;

namespace Microsoft.ML.Recurrent.Text.Metrics;

/// <summary>A chrF score.</summary>
/// <param name="Score">chrF, 0 to 100.</param>
/// <param name="CharOrder">Highest character n-gram order used.</param>
/// <param name="Beta">Recall weight used.</param>
public sealed record ChrfScore(double Score, int CharOrder, double Beta)
{
    /// <summary>sacreBLEU's line, for example "chrF2 = 52.00".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"chrF{Beta:0.##} = {Score:F2}");
}
