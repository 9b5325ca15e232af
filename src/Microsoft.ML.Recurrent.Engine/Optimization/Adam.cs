using Microsoft.ML.Recurrent.Engine.Modules;

namespace Microsoft.ML.Recurrent.Engine.Optimization;

/// <summary>
/// Adam (<c>torch.optim.Adam</c>): the moment update of <see cref="AdamBase"/>, with weight decay as an L2 penalty
/// added to the gradient (g ← g + λ·p) before the moments are updated. The stored gradient is not modified.
/// </summary>
public sealed class Adam : AdamBase
{
    /// <summary>Creates the optimiser with PyTorch's defaults.</summary>
    public Adam(
        IEnumerable<Parameter> parameters, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 0f)
        : base(parameters, learningRate, beta1, beta2, epsilon, weightDecay, decoupledWeightDecay: false)
    {
    }
}
