namespace Microsoft.ML.Recurrent.Text.Metrics;

/// <summary>
/// How <see cref="Bleu"/> treats an n-gram order without matches (Chen and Cherry, 2014), as sacreBLEU's <c>smooth_method</c>.
/// </summary>
public enum BleuSmoothing
{
    /// <summary>"exp" (sacreBLEU's default, mteval's NIST method): the k-th order without matches counts 1 / (2^k × total).</summary>
    Exponential,

    /// <summary>"none": an order without matches makes the score 0.</summary>
    None,

    /// <summary>"floor": an order without matches counts <see cref="Bleu.SmoothingValue"/> (default 0.1) matches.</summary>
    Floor,

    /// <summary>"add-k": orders above 1 get <see cref="Bleu.SmoothingValue"/> (default 1) added to matches and totals.</summary>
    AddK,
}
