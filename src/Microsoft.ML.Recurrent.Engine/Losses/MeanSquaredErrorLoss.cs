using System.Numerics;
using System.Runtime.CompilerServices;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Losses;

/// <summary>Mean squared error, ℓ = (p − y)², as PyTorch's <c>nn.MSELoss</c>.</summary>
public sealed class MeanSquaredErrorLoss : RegressionLoss
{
    private protected override float Evaluate(Tensor predictions, Tensor targets, Tensor? weights, double normalizer, ref Tensor? gradient) =>
        PointwiseLoss.Run(default(Kernel), predictions, targets, weights, normalizer, ref gradient);

    private readonly struct Kernel : IPointwiseLossKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<float> Evaluate(Vector<float> prediction, Vector<float> target, out Vector<float> derivative)
        {
            var difference = prediction - target;
            derivative = difference + difference;
            return difference * difference;
        }
    }
}
