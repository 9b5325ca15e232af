using System.Numerics;
using System.Runtime.CompilerServices;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Losses;

/// <summary>
/// Binary cross-entropy on logits, as PyTorch's <c>nn.BCEWithLogitsLoss(pos_weight=...)</c>, computed stably for any logit:
/// ℓ = −[pw·y·log σ(x) + (1 − y)·log(1 − σ(x))], with gradient (1 − y) − (1 + (pw − 1)·y)·σ(−x).
/// The mean is Σ w·ℓ / Σ w with optional non-negative element weights (0 ignores an element); an instance is not thread safe.
/// </summary>
public sealed class BinaryCrossEntropyLoss
{
    private Tensor? gradient;

    /// <summary>Creates the loss; <paramref name="positiveWeight"/> multiplies the loss of positive targets (PyTorch's <c>pos_weight</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="positiveWeight"/> is not a positive finite number.</exception>
    public BinaryCrossEntropyLoss(float positiveWeight = 1f)
    {
        LossGuard.PositiveFinite(positiveWeight, nameof(positiveWeight));
        PositiveWeight = positiveWeight;
    }

    /// <summary>Weight of the positive-target term.</summary>
    public float PositiveWeight { get; }

    /// <summary>
    /// Gradient of the last computed mean loss with respect to the logits, shaped like them. Owned by the loss and
    /// overwritten (reused when the shape fits) by the next <see cref="Compute"/>.
    /// </summary>
    public Tensor Gradient => gradient ??= new Tensor(0);

    /// <summary>Returns the mean loss and writes its gradient with respect to <paramref name="logits"/> to <see cref="Gradient"/>.</summary>
    /// <param name="logits">Unnormalised scores, any shape with at least one element; must be finite.</param>
    /// <param name="targets">Target probabilities in [0, 1], same shape.</param>
    /// <param name="weights">Optional non-negative per-element weights, same shape; 0 ignores an element. Null: a plain mean.</param>
    /// <exception cref="ArgumentException">A shape differs, a value is not finite, a target is outside [0, 1], a weight is negative, or every weight is zero.</exception>
    public float Compute(Tensor logits, Tensor targets, Tensor? weights = null)
    {
        double normalizer = PointwiseLoss.Validate(logits, nameof(logits), targets, weights);
        LossGuard.UnitInterval(targets, nameof(targets));
        return PointwiseLoss.Run(new Kernel(PositiveWeight), logits, targets, weights, normalizer, ref gradient);
    }

    private readonly struct Kernel(float positiveWeight) : IPointwiseLossKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Evaluate(Vector<float> prediction, Vector<float> target, out Vector<float> derivative)
        {
            var one = Vector<float>.One;
            var e = Vector.Exp(-Vector.Abs(prediction));                    // e^-|x| in (0, 1]
            var sum = one + e;
            // log1p(e) without cancellation: log(u)·e/(u − 1) with u = 1 + e, or e itself where u rounds to 1.
            var log1p = Vector.ConditionalSelect(Vector.Equals(sum, one), e, Vector.Log(sum) * (e / (sum - one)));
            var softplusNegative = log1p + Vector.Max(-prediction, Vector<float>.Zero); // −log σ(x)
            var sigmoidNegative = Vector.ConditionalSelect(Vector.LessThan(prediction, Vector<float>.Zero), one, e) / sum; // σ(−x)
            var logWeight = (new Vector<float>(positiveWeight) - one) * target + one;
            var negativeTarget = one - target;
            derivative = negativeTarget - logWeight * sigmoidNegative;
            return negativeTarget * prediction + logWeight * softplusNegative;
        }
    }
}
