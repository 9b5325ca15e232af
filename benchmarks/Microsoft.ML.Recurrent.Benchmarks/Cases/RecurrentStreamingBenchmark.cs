using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>One streaming step of a single sequence through <c>RecurrentStepper</c>: time and bytes allocated per step.</summary>
internal sealed class RecurrentStreamingBenchmark(string name, string cell, int inputSize, int hiddenSize) : BenchmarkCase
{
    public override string Name => name;

    public override string Kind => "stream";

    public override IReadOnlyList<(string Field, double Value)> Run()
    {
        var random = new RandomSource(1);
        var layer = RecurrentFactory.Create(cell, inputSize, hiddenSize, 1, false, random);
        var stepper = layer.CreateStepper();
        var input = new float[inputSize];
        random.FillNormal(input, 1f);
        double seconds = SecondsPerCall(() => stepper.Step(input));

        const int allocationSteps = 10_000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < allocationSteps; i++)
        {
            stepper.Step(input);
        }

        double allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)allocationSteps;
        return [("us_per_step", seconds * 1e6), ("allocated_bytes_per_step", allocated)];
    }
}
