using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Optimization;

namespace Microsoft.ML.Recurrent.Engine.Tests.Optimization;

public class OptimizerTests
{
    public static TheoryData<string> Kinds() => new() { "sgd", "sgd_momentum", "sgd_nesterov", "adam", "adamw" };

    [Fact]
    public void ConstructorRejectsBadParameterLists()
    {
        var a = new Parameter("a", 3);
        Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() => new Sgd(null!, 0.1f)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => new Sgd(Array.Empty<Parameter>(), 0.1f)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => new Adam(new[] { a, null! })).ParamName);
        var duplicate = Assert.Throws<ArgumentException>(() => new AdamW(new[] { a, new Parameter("b", 2), a }));
        Assert.Equal("parameters", duplicate.ParamName);
        Assert.Contains("index 2", duplicate.Message);
    }

    [Fact]
    public void ParametersAreMaterialisedInOrder()
    {
        var a = new Parameter("a", 3);
        var b = new Parameter("b", 2, 2);
        int enumerations = 0;
        IEnumerable<Parameter> Lazy()
        {
            enumerations++;
            yield return a;
            yield return b;
        }

        var optimizer = new Sgd(Lazy(), 0.1f);
        Assert.Equal(new[] { a, b }, optimizer.Parameters);
        Assert.Equal(1, enumerations);
        Assert.False(optimizer.Parameters is Parameter[], "Parameters must not expose the internal array.");
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void LearningRateIsValidated(float rate)
    {
        var a = new Parameter("a", 3);
        Assert.Equal("learningRate", Assert.ThrowsAny<ArgumentException>(() => new Sgd(new[] { a }, rate)).ParamName);
        Assert.Equal("learningRate", Assert.ThrowsAny<ArgumentException>(() => new Adam(new[] { a }, rate)).ParamName);
        var optimizer = new AdamW(new[] { a }, 0.01f);
        Assert.Equal("value", Assert.ThrowsAny<ArgumentException>(() => optimizer.LearningRate = rate).ParamName);
        Assert.Equal(0.01f, optimizer.LearningRate);
        optimizer.LearningRate = 0f;
        Assert.Equal(0f, optimizer.LearningRate);
    }

    [Fact]
    public void HyperparametersAreValidated()
    {
        var ps = new[] { new Parameter("a", 3) };
        Assert.Equal("momentum", Assert.ThrowsAny<ArgumentException>(() => new Sgd(ps, 0.1f, momentum: -0.5f)).ParamName);
        Assert.Equal("weightDecay", Assert.ThrowsAny<ArgumentException>(() => new Sgd(ps, 0.1f, weightDecay: -1f)).ParamName);
        Assert.Equal("nesterov", Assert.ThrowsAny<ArgumentException>(() => new Sgd(ps, 0.1f, nesterov: true)).ParamName);
        Assert.Equal("beta1", Assert.ThrowsAny<ArgumentException>(() => new Adam(ps, beta1: 1f)).ParamName);
        Assert.Equal("beta1", Assert.ThrowsAny<ArgumentException>(() => new AdamW(ps, beta1: -0.1f)).ParamName);
        Assert.Equal("beta2", Assert.ThrowsAny<ArgumentException>(() => new Adam(ps, beta2: float.NaN)).ParamName);
        Assert.Equal("epsilon", Assert.ThrowsAny<ArgumentException>(() => new Adam(ps, epsilon: -1e-8f)).ParamName);
        Assert.Equal("weightDecay", Assert.ThrowsAny<ArgumentException>(() => new AdamW(ps, weightDecay: -0.01f)).ParamName);
    }

    [Fact]
    public void DefaultsMatchPyTorch()
    {
        var ps = new[] { new Parameter("a", 3) };
        var adam = new Adam(ps);
        Assert.Equal((1e-3f, 0.9f, 0.999f, 1e-8f, 0f), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.WeightDecay));
        var adamW = new AdamW(ps);
        Assert.Equal((1e-3f, 0.9f, 0.999f, 1e-8f, 1e-2f), (adamW.LearningRate, adamW.Beta1, adamW.Beta2, adamW.Epsilon, adamW.WeightDecay));
        var sgd = new Sgd(ps, 0.1f);
        Assert.Equal((0f, 0f, false), (sgd.Momentum, sgd.WeightDecay, sgd.Nesterov));
    }

    [Fact]
    public void StepLeavesGradientsAndZeroGradClearsThem()
    {
        var a = new Parameter("a", 5);
        a.Gradient.Span.Fill(2f);
        var optimizer = new Adam(new[] { a }, weightDecay: 0.5f);
        optimizer.Step();
        Assert.All(a.Gradient.Span.ToArray(), g => Assert.Equal(2f, g));
        optimizer.ZeroGrad();
        Assert.All(a.Gradient.Span.ToArray(), g => Assert.Equal(0f, g));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ExportImportContinuesIdentically(string kind)
    {
        var first = Fresh();
        var optimizer = Create(kind, first);
        RunSteps(optimizer, first, 0, 3);
        var state = optimizer.ExportState();
        Assert.Equal(3, state.StepCount);

        var second = Fresh();
        for (int p = 0; p < first.Length; p++)
        {
            first[p].Value.Span.CopyTo(second[p].Value.Span);
        }

        var restored = Create(kind, second);
        restored.ImportState(state);
        Assert.Equal(3, restored.StepCount);
        RunSteps(optimizer, first, 3, 2);
        RunSteps(restored, second, 3, 2);
        for (int p = 0; p < first.Length; p++)
        {
            Assert.Equal(first[p].Value.Span.ToArray(), second[p].Value.Span.ToArray());
        }
    }

    [Fact]
    public void ExportedStateIsACopyWithPyTorchNames()
    {
        var ps = Fresh();
        var adam = new Adam(ps, 0.01f);
        RunSteps(adam, ps, 0, 1);
        var state = adam.ExportState();
        Assert.Equal(ps.Length, state.Buffers.Count);
        Assert.Equal(new[] { "exp_avg", "exp_avg_sq" }, state.Buffers[0].Keys.Order());
        Assert.Equal(ps[1].Length, state.Buffers[1]["exp_avg"].Length);
        state.Buffers[0]["exp_avg"][0] = 1234f;
        Assert.NotEqual(1234f, adam.ExportState().Buffers[0]["exp_avg"][0]);

        Assert.Equal(new[] { "momentum_buffer" }, new Sgd(ps, 0.1f, momentum: 0.9f).ExportState().Buffers[1].Keys);
        Assert.Empty(new Sgd(ps, 0.1f).ExportState().Buffers[0]);
    }

    [Fact]
    public void ImportRejectsMismatchedStateAndChangesNothing()
    {
        var ps = Fresh();
        var adam = new Adam(ps, 0.01f);
        RunSteps(adam, ps, 0, 2);
        var before = adam.ExportState();

        var wrongKind = new Sgd(ps, 0.1f, momentum: 0.9f).ExportState();
        Assert.Equal("state", Assert.Throws<ArgumentException>(() => adam.ImportState(wrongKind)).ParamName);

        var wrongCount = new Adam(ps.Take(1), 0.01f).ExportState();
        Assert.Equal("state", Assert.Throws<ArgumentException>(() => adam.ImportState(wrongCount)).ParamName);

        var good = adam.ExportState();
        var truncated = new OptimizerState(7, new[]
        {
            good.Buffers[0],
            new Dictionary<string, float[]> { ["exp_avg"] = new float[1], ["exp_avg_sq"] = good.Buffers[1]["exp_avg_sq"] },
        });
        var error = Assert.Throws<ArgumentException>(() => adam.ImportState(truncated));
        Assert.Equal("state", error.ParamName);
        Assert.Contains("exp_avg", error.Message);

        Assert.Equal(2, adam.StepCount);
        var after = adam.ExportState();
        Assert.Equal(before.Buffers[0]["exp_avg"], after.Buffers[0]["exp_avg"]);
        Assert.Throws<ArgumentNullException>(() => adam.ImportState(null!));
        Assert.ThrowsAny<ArgumentException>(() => new OptimizerState(-1, good.Buffers));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void StepAndClippingAllocateNothingAfterTheFirstCall(string kind)
    {
        var ps = Fresh();
        var optimizer = Create(kind, ps);
        OptimReference.LoadGradients(ps, 0);
        optimizer.Step();
        GradientClipping.ClipByGlobalNorm(optimizer.Parameters, 0.5f);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            GradientClipping.ClipByGlobalNorm(optimizer.Parameters, 0.5f);
            optimizer.Step();
            optimizer.ZeroGrad();
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void UpdatesAreDeterministicAcrossLengthsAndRuns()
    {
        // Lengths around vector widths exercise the padded tail; element i must not depend on where the tail starts.
        foreach (int length in new[] { 1, 3, 4, 7, 8, 9, 15, 16, 17, 33, 100 })
        {
            var reference = new Parameter("long", 100);
            var candidate = new Parameter("short", length);
            for (int i = 0; i < 100; i++)
            {
                reference.Value.Span[i] = MathF.Sin(i + 1f);
                reference.Gradient.Span[i] = MathF.Cos(3f * i);
            }

            reference.Value.Span[..length].CopyTo(candidate.Value.Span);
            reference.Gradient.Span[..length].CopyTo(candidate.Gradient.Span);
            var a = new AdamW(new[] { reference }, 0.05f);
            var b = new AdamW(new[] { candidate }, 0.05f);
            for (int s = 0; s < 3; s++)
            {
                a.Step();
                b.Step();
            }

            Assert.Equal(reference.Value.Span[..length].ToArray(), candidate.Value.Span.ToArray());
        }
    }

    internal static Parameter[] Fresh() => OptimReference.CreateParameters(OptimReference.Root.GetProperty("initial"));

    internal static Optimizer Create(string kind, IReadOnlyList<Parameter> ps) => kind switch
    {
        "sgd" => new Sgd(ps, 0.1f, weightDecay: 0.01f),
        "sgd_momentum" => new Sgd(ps, 0.05f, momentum: 0.9f),
        "sgd_nesterov" => new Sgd(ps, 0.05f, momentum: 0.9f, weightDecay: 0.01f, nesterov: true),
        "adam" => new Adam(ps, 0.01f, weightDecay: 0.01f),
        "adamw" => new AdamW(ps, 0.01f),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static void RunSteps(Optimizer optimizer, IReadOnlyList<Parameter> ps, int from, int count)
    {
        for (int s = from; s < from + count; s++)
        {
            OptimReference.LoadGradients(ps, s);
            optimizer.Step();
        }
    }
}
