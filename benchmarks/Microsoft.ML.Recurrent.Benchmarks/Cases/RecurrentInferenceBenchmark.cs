using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>Evaluation-mode forward pass over a whole batch of sequences.</summary>
internal sealed class RecurrentInferenceBenchmark(string name, string cell, int batch, int steps, int inputSize, int hiddenSize) : BenchmarkCase
{
    public override string Name => name;

    public override string Kind => "infer";

    public override IReadOnlyList<(string Field, double Value)> Run()
    {
        var random = new RandomSource(1);
        var layer = RecurrentFactory.Create(cell, inputSize, hiddenSize, 1, false, random);
        layer.Eval();
        var input = new Tensor(steps, batch, inputSize);
        random.FillNormal(input.Span, 1f);
        double seconds = SecondsPerCall(() => layer.Forward(input));
        return [("us_per_call", seconds * 1e6), ("sequences_per_s", batch / seconds)];
    }
}
