using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Losses;

/// <summary>
/// Pinball (quantile) loss for predicting several quantiles at once: predictions [..., Q] hold one value per quantile
/// q for targets [...]; with e = y − p, ℓ = max(q·e, (q − 1)·e), averaged over elements and quantiles. The gradient is
/// −q where y &gt; p, 1 − q where y &lt; p and 0 where y = p. An instance is not thread safe.
/// </summary>
public sealed class QuantileLoss
{
    private readonly float[] quantiles;
    private Tensor? gradient;

    /// <summary>Creates the loss for the given quantile levels, each strictly between 0 and 1 (e.g. 0.1, 0.5, 0.9).</summary>
    /// <exception cref="ArgumentException"><paramref name="quantiles"/> is empty or a level is outside (0, 1).</exception>
    public QuantileLoss(IReadOnlyList<float> quantiles)
    {
        ArgumentNullException.ThrowIfNull(quantiles);
        if (quantiles.Count == 0)
        {
            throw new ArgumentException("Parameter 'quantiles' is empty; at least one quantile level is required.", nameof(quantiles));
        }

        this.quantiles = new float[quantiles.Count];
        for (int k = 0; k < this.quantiles.Length; k++)
        {
            float q = quantiles[k];
            if (!(q > 0f && q < 1f))
            {
                throw new ArgumentException(
                    $"Parameter 'quantiles' has the level {LossGuard.Format(q)} at index {k}; quantile levels must be strictly between 0 and 1.",
                    nameof(quantiles));
            }

            this.quantiles[k] = q;
        }

        Quantiles = Array.AsReadOnly(this.quantiles);
    }

    /// <summary>The quantile levels, in the order of the predictions' last dimension.</summary>
    public IReadOnlyList<float> Quantiles { get; }

    /// <summary>
    /// Gradient of the last computed mean loss with respect to the predictions, shaped like them. Owned by the loss and
    /// overwritten (reused when the shape fits) by the next <see cref="Compute"/>.
    /// </summary>
    public Tensor Gradient => gradient ??= new Tensor(0);

    /// <summary>Returns the mean pinball loss Σ w·Σ_q ℓ / (Q·Σ w) and writes its gradient to <see cref="Gradient"/>.</summary>
    /// <param name="predictions">Predictions [..., Q], the last dimension matching <see cref="Quantiles"/>; must be finite.</param>
    /// <param name="targets">Targets [...], the predictions' shape without its last dimension; must be finite.</param>
    /// <param name="weights">Optional non-negative weights shaped like <paramref name="targets"/>; 0 ignores an element. Null: a plain mean.</param>
    /// <exception cref="ArgumentException">A shape is wrong, a value is not finite, a weight is negative, or every weight is zero.</exception>
    public float Compute(Tensor predictions, Tensor targets, Tensor? weights = null)
    {
        LossGuard.NotEmpty(predictions, nameof(predictions));
        int count = quantiles.Length;
        if (predictions.Rank < 1 || predictions.Dim(predictions.Rank - 1) != count)
        {
            throw new ArgumentException(
                $"Parameter 'predictions' has shape {Tensor.FormatShape(predictions.Shape)}; its last dimension must be the number of quantiles ({count}).",
                nameof(predictions));
        }

        var targetShape = predictions.Shape[..^1];
        const string qualifier = " without its quantile dimension";
        LossGuard.Shape(targets, nameof(targets), targetShape, nameof(predictions), qualifier);
        LossGuard.Finite(predictions, nameof(predictions));
        LossGuard.Finite(targets, nameof(targets));
        double normalizer = LossGuard.WeightTotal(weights, targetShape, targets.Length, nameof(predictions), qualifier) * count;

        var g = LossMath.Workspace(ref gradient, predictions.Shape).Span;
        ReadOnlySpan<float> p = predictions.Span, y = targets.Span;
        ReadOnlySpan<float> w = weights is null ? default : weights.Span;
        double scale = 1.0 / normalizer, total = 0;
        for (int row = 0; row < y.Length; row++)
        {
            float weight = weights is null ? 1f : w[row];
            if (weight == 0f)
            {
                g.Slice(row * count, count).Clear();
                continue;
            }

            double rowLoss = 0;
            float step = (float)(weight * scale);
            for (int k = 0, at = row * count; k < count; k++, at++)
            {
                float q = quantiles[k], error = y[row] - p[at];
                rowLoss += error >= 0f ? (double)q * error : (q - 1.0) * error;
                g[at] = error > 0f ? -q * step : error < 0f ? (1f - q) * step : 0f;
            }

            total += weight * rowLoss;
        }

        return (float)(total * scale);
    }
}
