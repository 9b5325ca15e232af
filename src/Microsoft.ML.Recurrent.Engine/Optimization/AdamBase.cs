using System.Numerics;
using System.Runtime.CompilerServices;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Optimization;

/// <summary>
/// Shared moment update of <see cref="Adam"/> and <see cref="AdamW"/> (<c>torch.optim.Adam</c>/<c>AdamW</c>, no AMSGrad).
/// At step t, per weight: m = β₁·m + (1 − β₁)·g; v = β₂·v + (1 − β₂)·g²;
/// p = p − lr / (1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε). The two differ only in how weight decay λ enters.
/// State buffers: <c>exp_avg</c> (m) and <c>exp_avg_sq</c> (v).
/// </summary>
public abstract class AdamBase : Optimizer
{
    private readonly float[][] expAvg;
    private readonly float[][] expAvgSq;
    private readonly bool decoupledWeightDecay;

    private protected AdamBase(
        IEnumerable<Parameter> parameters, float learningRate, float beta1, float beta2, float epsilon, float weightDecay, bool decoupledWeightDecay)
        : base(parameters, learningRate)
    {
        Guard.Probability(beta1, nameof(beta1));
        Guard.Probability(beta2, nameof(beta2));
        OptimizationGuard.NonNegative(epsilon, nameof(epsilon));
        OptimizationGuard.NonNegative(weightDecay, nameof(weightDecay));
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        this.decoupledWeightDecay = decoupledWeightDecay;
        expAvg = AddStateBuffer("exp_avg");
        expAvgSq = AddStateBuffer("exp_avg_sq");
    }

    /// <summary>Decay rate β₁ of the first-moment (mean) estimate, in [0, 1).</summary>
    public float Beta1 { get; }

    /// <summary>Decay rate β₂ of the second-moment (uncentred variance) estimate, in [0, 1).</summary>
    public float Beta2 { get; }

    /// <summary>Term ε added to the denominator for numerical stability.</summary>
    public float Epsilon { get; }

    /// <summary>Weight decay λ (L2 penalty for <see cref="Adam"/>, decoupled decay for <see cref="AdamW"/>).</summary>
    public float WeightDecay { get; }

    /// <inheritdoc />
    public sealed override void Step()
    {
        StepCount++;
        double rate = LearningRate;
        double biasCorrection1 = 1.0 - Math.Pow(Beta1, StepCount);
        double biasCorrection2 = 1.0 - Math.Pow(Beta2, StepCount);
        var update = new MomentUpdate(
            Beta1,
            Beta2,
            Epsilon,
            l2: decoupledWeightDecay ? 0f : WeightDecay,
            valueMultiplier: decoupledWeightDecay ? (float)(1.0 - rate * WeightDecay) : 1f,
            negativeStepSize: (float)(-rate / biasCorrection1),
            biasCorrection2Sqrt: (float)Math.Sqrt(biasCorrection2));
        for (int p = 0; p < Parameters.Count; p++)
        {
            var parameter = Parameters[p];
            ElementwiseUpdate.Run(parameter.Value.Span, parameter.Gradient.Span, expAvg[p], expAvgSq[p], update);
        }
    }

    private readonly struct MomentUpdate : IElementUpdate
    {
        private readonly float beta1;
        private readonly float oneMinusBeta1;
        private readonly float beta2;
        private readonly float oneMinusBeta2;
        private readonly float l2;
        private readonly float valueMultiplier;
        private readonly float negativeStepSize;
        private readonly Vector<float> epsilon;
        private readonly Vector<float> biasCorrection2Sqrt;

        public MomentUpdate(float beta1, float beta2, float epsilon, float l2, float valueMultiplier, float negativeStepSize, float biasCorrection2Sqrt)
        {
            this.beta1 = beta1;
            oneMinusBeta1 = (float)(1.0 - beta1);
            this.beta2 = beta2;
            oneMinusBeta2 = (float)(1.0 - beta2);
            this.l2 = l2;
            this.valueMultiplier = valueMultiplier;
            this.negativeStepSize = negativeStepSize;
            this.epsilon = new Vector<float>(epsilon);
            this.biasCorrection2Sqrt = new Vector<float>(biasCorrection2Sqrt);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> value, Vector<float> gradient, ref Vector<float> expAvg, ref Vector<float> expAvgSq)
        {
            if (valueMultiplier != 1f)
            {
                value *= valueMultiplier;
            }

            if (l2 != 0f)
            {
                gradient += value * l2;
            }

            expAvg = expAvg * beta1 + gradient * oneMinusBeta1;
            expAvgSq = expAvgSq * beta2 + gradient * oneMinusBeta2 * gradient;
            var denominator = Vector.SquareRoot(expAvgSq) / biasCorrection2Sqrt + epsilon;
            value += expAvg * negativeStepSize / denominator;
        }
    }
}
