using System.Numerics;
using System.Runtime.CompilerServices;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Losses;

/// <summary>Mean absolute error, ℓ = |p − y|, as PyTorch's <c>nn.L1Loss</c>; the gradient is sign(p − y), 0 where p = y.</summary>
public sealed class MeanAbsoluteErrorLoss : RegressionLoss
{
    private protected override float Evaluate(Tensor predictions, Tensor targets, Tensor? weights, double normalizer, ref Tensor? gradient) =>
        PointwiseLoss.Run(default(Kernel), predictions, targets, weights, normalizer, ref gradient);

    private readonly struct Kernel : IPointwiseLossKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Evaluate(Vector<float> prediction, Vector<float> target, out Vector<float> derivative)
        {
            var difference = prediction - target;
            var zero = Vector<float>.Zero;
            derivative = Vector.ConditionalSelect(
                Vector.GreaterThan(difference, zero),
                Vector<float>.One,
                Vector.ConditionalSelect(Vector.LessThan(difference, zero), -Vector<float>.One, zero));
            return Vector.Abs(difference);
        }
    }
}
