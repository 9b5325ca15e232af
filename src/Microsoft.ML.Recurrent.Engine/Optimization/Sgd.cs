using System.Numerics;
using System.Runtime.CompilerServices;
using Microsoft.ML.Recurrent.Engine.Modules;

namespace Microsoft.ML.Recurrent.Engine.Optimization;

/// <summary>
/// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, as
/// <c>torch.optim.SGD</c> with dampening 0. Per weight: d = g + λ·p; with momentum μ, b = μ·b + d (b starts at 0, so the
/// first step gives b = d) and d = nesterov ? d + μ·b : b; then p = p − lr·d. State buffer: <c>momentum_buffer</c> (only when μ &gt; 0).
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly float[][]? momentumBuffers;

    /// <summary>Creates the optimiser; <paramref name="nesterov"/> requires a positive <paramref name="momentum"/>.</summary>
    public Sgd(IEnumerable<Parameter> parameters, float learningRate, float momentum = 0f, float weightDecay = 0f, bool nesterov = false)
        : base(parameters, learningRate)
    {
        OptimizationGuard.NonNegative(momentum, nameof(momentum));
        OptimizationGuard.NonNegative(weightDecay, nameof(weightDecay));
        if (nesterov && momentum == 0f)
        {
            throw new ArgumentException("Parameter 'nesterov' is true, but Nesterov momentum requires a positive momentum.", nameof(nesterov));
        }

        Momentum = momentum;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
        momentumBuffers = momentum > 0f ? AddStateBuffer("momentum_buffer") : null;
    }

    /// <summary>Momentum factor μ (0 = none).</summary>
    public float Momentum { get; }

    /// <summary>L2 penalty λ added to the gradient as λ·p.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc />
    public override void Step()
    {
        StepCount++;
        var update = new Update(LearningRate, Momentum, WeightDecay, Nesterov);
        for (int p = 0; p < Parameters.Count; p++)
        {
            var parameter = Parameters[p];
            var buffer = momentumBuffers is null ? Span<float>.Empty : momentumBuffers[p];
            ElementwiseUpdate.Run(parameter.Value.Span, parameter.Gradient.Span, buffer, Span<float>.Empty, update);
        }
    }

    private readonly struct Update : IElementUpdate
    {
        private readonly float negativeRate;
        private readonly float momentum;
        private readonly float weightDecay;
        private readonly bool nesterov;

        public Update(float learningRate, float momentum, float weightDecay, bool nesterov)
        {
            negativeRate = -learningRate;
            this.momentum = momentum;
            this.weightDecay = weightDecay;
            this.nesterov = nesterov;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> value, Vector<float> gradient, ref Vector<float> momentumBuffer, ref Vector<float> unused)
        {
            var direction = gradient;
            if (weightDecay != 0f)
            {
                direction += value * weightDecay;
            }

            if (momentum != 0f)
            {
                momentumBuffer = momentumBuffer * momentum + direction;
                direction = nesterov ? direction + momentumBuffer * momentum : momentumBuffer;
            }

            value += direction * negativeRate;
        }
    }
}
