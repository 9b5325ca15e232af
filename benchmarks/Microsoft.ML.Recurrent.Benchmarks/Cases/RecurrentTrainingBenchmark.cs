using Microsoft.ML.Recurrent.Engine.Layers;
using Microsoft.ML.Recurrent.Engine.Losses;
using Microsoft.ML.Recurrent.Engine.Optimization;
using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>
/// One training step of a recurrent regressor: forward, MSE loss on a dense head over the last state,
/// backward, global-norm clipping at 1.0 and an Adam update. Reports sequences per second.
/// </summary>
internal sealed class RecurrentTrainingBenchmark(string name, string cell, int batch, int steps, int inputSize, int hiddenSize, int numLayers = 1, bool bidirectional = false)
    : BenchmarkCase
{
    public override string Name => name;

    public override string Kind => "train";

    public override IReadOnlyList<(string Field, double Value)> Run()
    {
        var random = new RandomSource(1);
        var layer = RecurrentFactory.Create(cell, inputSize, hiddenSize, numLayers, bidirectional, random);
        layer.ReturnSequences = false;
        layer.RequiresInputGradient = false;
        var head = new Dense(layer.OutputSize, 1, random);
        var parameters = layer.Parameters.Concat(head.Parameters).ToList();
        var optimizer = new Adam(parameters, 1e-3f);
        var loss = new MeanSquaredErrorLoss();
        var input = new Tensor(steps, batch, inputSize);
        var target = new Tensor(batch, 1);
        random.FillNormal(input.Span, 1f);
        random.FillNormal(target.Span, 1f);

        void Step()
        {
            optimizer.ZeroGrad();
            var last = layer.Forward(input).Output;
            loss.Compute(head.Forward(last), target);
            layer.Backward(head.Backward(loss.Gradient));
            GradientClipping.ClipByGlobalNorm(parameters, 1f);
            optimizer.Step();
        }

        double seconds = SecondsPerCall(Step, roundSeconds: 1.0, rounds: 5);
        return [("sequences_per_s", batch / seconds), ("us_per_call", seconds * 1e6)];
    }
}
