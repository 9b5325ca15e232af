using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Tests.Recurrent;

public class RecurrentStepperTests
{
    [Theory]
    [InlineData("lstm", 1)]
    [InlineData("lstm", 2)]
    [InlineData("gru", 2)]
    [InlineData("rnn", 1)]
    public void SteppingReproducesForward(string kind, int layers)
    {
        var random = new RandomSource(5);
        var layer = RecurrentGradientTests.Create(kind, 3, 6, layers, false, BidirectionalMerge.Concat, random);
        layer.Eval();
        var input = GradientCheck.RandomTensor(random, 1f, 7, 2, 3);
        var expected = layer.Forward(input);
        var stepper = layer.CreateStepper(batchSize: 2);
        for (int t = 0; t < 7; t++)
        {
            var output = stepper.Step(input.Span.Slice(t * 6, 6));
            for (int i = 0; i < 12; i++)
            {
                Assert.Equal(expected.Output.Span[t * 12 + i], output[i], 5);
            }
        }

        for (int i = 0; i < expected.FinalState.Hidden.Length; i++)
        {
            Assert.Equal(expected.FinalState.Hidden.Span[i], stepper.State.Hidden.Span[i], 5);
        }
    }

    [Fact]
    public void StepAllocatesNothingAfterWarmUp()
    {
        var layer = new Gru(32, 128);
        var stepper = layer.CreateStepper();
        var input = new float[32];
        for (int i = 0; i < 10; i++)
        {
            stepper.Step(input);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            stepper.Step(input);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void BidirectionalLayersCannotStream()
    {
        var layer = new Lstm(2, 3, bidirectional: true);
        Assert.Throws<InvalidOperationException>(() => layer.CreateStepper());
    }
}
