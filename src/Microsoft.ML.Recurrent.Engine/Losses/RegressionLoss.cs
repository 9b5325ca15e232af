using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Losses;

/// <summary>
/// A loss between predictions and real-valued targets of the same shape (any rank), reduced to a (weighted) mean.
/// <see cref="Compute"/> returns the mean and leaves its gradient with respect to the predictions in <see cref="Gradient"/>.
/// An instance is not thread safe.
/// </summary>
public abstract class RegressionLoss
{
    private Tensor? gradient;

    private protected RegressionLoss()
    {
    }

    /// <summary>
    /// Gradient of the last computed mean loss with respect to the predictions, shaped like them. The tensor is owned by
    /// the loss and overwritten (reused when the shape fits) by the next <see cref="Compute"/>.
    /// </summary>
    public Tensor Gradient => gradient ??= new Tensor(0);

    /// <summary>
    /// Returns the mean loss Σ w·ℓ(p, y) / Σ w over all elements and writes its gradient to <see cref="Gradient"/>.
    /// </summary>
    /// <param name="predictions">Model outputs, any shape with at least one element; must be finite.</param>
    /// <param name="targets">Targets, same shape as <paramref name="predictions"/>; must be finite.</param>
    /// <param name="weights">
    /// Optional non-negative per-element weights, same shape; 0 ignores an element (for example a missing target).
    /// Null weighs every element equally (a plain mean).
    /// </param>
    /// <exception cref="ArgumentException">A shape differs, a value is not finite, a weight is negative, or every weight is zero.</exception>
    public float Compute(Tensor predictions, Tensor targets, Tensor? weights = null)
    {
        double normalizer = PointwiseLoss.Validate(predictions, nameof(predictions), targets, weights);
        return Evaluate(predictions, targets, weights, normalizer, ref gradient);
    }

    /// <summary>Computes the validated mean with <see cref="PointwiseLoss.Run"/> and this loss's kernel.</summary>
    private protected abstract float Evaluate(Tensor predictions, Tensor targets, Tensor? weights, double normalizer, ref Tensor? gradient);
}
