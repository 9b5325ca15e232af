using System.Numerics;
using System.Runtime.CompilerServices;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Losses;

/// <summary>
/// Huber loss, as PyTorch's <c>nn.HuberLoss</c>: with d = p − y, ℓ = d²/2 where |d| &lt; δ and δ·(|d| − δ/2) elsewhere;
/// the gradient is d clamped to [−δ, δ].
/// </summary>
public sealed class HuberLoss : RegressionLoss
{
    /// <summary>Creates the loss with threshold <paramref name="delta"/> between its quadratic and linear parts.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not a positive finite number.</exception>
    public HuberLoss(float delta = 1f)
    {
        LossGuard.PositiveFinite(delta, nameof(delta));
        Delta = delta;
    }

    /// <summary>Threshold δ between the quadratic and linear parts.</summary>
    public float Delta { get; }

    private protected override float Evaluate(Tensor predictions, Tensor targets, Tensor? weights, double normalizer, ref Tensor? gradient) =>
        PointwiseLoss.Run(new Kernel(Delta), predictions, targets, weights, normalizer, ref gradient);

    private readonly struct Kernel(float delta) : IPointwiseLossKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Evaluate(Vector<float> prediction, Vector<float> target, out Vector<float> derivative)
        {
            var difference = prediction - target;
            var size = Vector.Abs(difference);
            var limit = new Vector<float>(delta);
            derivative = Vector.Min(Vector.Max(difference, -limit), limit);
            var half = new Vector<float>(0.5f);
            return Vector.ConditionalSelect(
                Vector.LessThan(size, limit),
                half * difference * difference,
                limit * (size - half * limit));
        }
    }
}
