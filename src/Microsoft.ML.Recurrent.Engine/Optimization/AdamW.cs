using Microsoft.ML.Recurrent.Engine.Modules;

namespace Microsoft.ML.Recurrent.Engine.Optimization;

/// <summary>
/// AdamW (<c>torch.optim.AdamW</c>): the moment update of <see cref="AdamBase"/>, with decoupled weight decay applied to
/// the weights (p ← p·(1 − lr·λ)) before the moment update; the gradient itself is not decayed.
/// </summary>
public sealed class AdamW : AdamBase
{
    /// <summary>Creates the optimiser with PyTorch's defaults.</summary>
    public AdamW(
        IEnumerable<Parameter> parameters, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f, float weightDecay = 1e-2f)
        : base(parameters, learningRate, beta1, beta2, epsilon, weightDecay, decoupledWeightDecay: true)
    {
    }
}
