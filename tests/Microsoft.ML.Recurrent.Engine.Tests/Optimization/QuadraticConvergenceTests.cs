using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Optimization;

namespace Microsoft.ML.Recurrent.Engine.Tests.Optimization;

/// <summary>End-to-end sanity: every optimiser drives f(x) = ½ Σ aᵢ xᵢ² (curvatures aᵢ in [0.5, 2]) to near zero.</summary>
public class QuadraticConvergenceTests
{
    public static TheoryData<string> Optimizers() => new() { "sgd", "sgd_momentum", "sgd_nesterov", "adam", "adamw" };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void MinimisesQuadratic(string kind)
    {
        var weight = new Parameter("weight", 4, 5);
        var bias = new Parameter("bias", 3);
        Parameter[] parameters = [weight, bias];
        var random = new Random(42);
        foreach (var p in parameters)
        {
            for (int i = 0; i < p.Length; i++)
            {
                p.Value.Span[i] = (float)(random.NextDouble() * 4 - 2);
            }
        }

        const int steps = 600;
        Optimizer optimizer = kind switch
        {
            "sgd" => new Sgd(parameters, 0.5f),
            "sgd_momentum" => new Sgd(parameters, 0.1f, momentum: 0.9f),
            "sgd_nesterov" => new Sgd(parameters, 0.1f, momentum: 0.9f, weightDecay: 0.01f, nesterov: true),
            "adam" => new Adam(parameters),
            _ => new AdamW(parameters),
        };

        // Adaptive methods take steps of about the learning rate, so anneal them to settle at the minimum.
        LearningRateSchedule schedule = optimizer is AdamBase
            ? new WarmupSchedule(new CosineSchedule(0.1f, steps - 10), 10)
            : new ConstantSchedule(optimizer.LearningRate);
        double initial = Loss(parameters);
        for (int step = 0; step < steps; step++)
        {
            optimizer.ZeroGrad();
            foreach (var p in parameters)
            {
                for (int i = 0; i < p.Length; i++)
                {
                    p.Gradient.Span[i] = Curvature(i) * p.Value.Span[i];
                }
            }

            GradientClipping.ClipByGlobalNorm(optimizer.Parameters, 5f);
            optimizer.LearningRate = schedule.Rate(step);
            optimizer.Step();
        }

        double final = Loss(parameters);
        Assert.True(initial > 1.0, $"initial loss {initial}");
        Assert.True(final < 1e-6, $"{kind}: loss went from {initial} to {final}.");
    }

    private static float Curvature(int i) => 0.5f + 1.5f * (i % 4) / 3f;

    private static double Loss(IEnumerable<Parameter> parameters)
    {
        double loss = 0;
        foreach (var p in parameters)
        {
            for (int i = 0; i < p.Length; i++)
            {
                loss += 0.5 * Curvature(i) * p.Value.Span[i] * p.Value.Span[i];
            }
        }

        return loss;
    }
}
