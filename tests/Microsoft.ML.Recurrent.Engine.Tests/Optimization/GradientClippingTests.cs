using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Optimization;

namespace Microsoft.ML.Recurrent.Engine.Tests.Optimization;

public class GradientClippingTests
{
    [Fact]
    public void NormCoversAllParametersAndClipsToMaxNorm()
    {
        var a = Gradient("a", 3f, 0f, 0f);
        var b = Gradient("b", 0f, 4f);
        Assert.Equal(5f, GradientClipping.GlobalNorm(new[] { a, b }));
        Assert.Equal(5f, GradientClipping.ClipByGlobalNorm(new[] { a, b }, 1f));
        Assert.Equal(1.0, GradientClipping.GlobalNorm(new[] { a, b }), 5);
        Assert.Equal(3f / (5f + 1e-6f), a.Gradient.Span[0], 6);
        Assert.Equal(4f / (5f + 1e-6f), b.Gradient.Span[1], 6);
    }

    [Fact]
    public void BelowMaxNormLeavesGradientsUntouched()
    {
        var a = Gradient("a", 0.3f, -0.4f);
        Assert.Equal(0.5f, GradientClipping.ClipByGlobalNorm(new List<Parameter> { a }, 0.6f));
        Assert.Equal(new[] { 0.3f, -0.4f }, a.Gradient.Span.ToArray());
    }

    [Fact]
    public void EnumerableOverloadMatchesListOverload()
    {
        var lazy = OptimizerTests.Fresh();
        var list = OptimizerTests.Fresh();
        OptimReference.LoadGradients(lazy, 3);
        OptimReference.LoadGradients(list, 3);
        float lazyNorm = GradientClipping.ClipByGlobalNorm(lazy.Where(_ => true), 1f);
        float listNorm = GradientClipping.ClipByGlobalNorm(list, 1f);
        Assert.Equal(listNorm, lazyNorm);
        Assert.Equal(list[0].Gradient.Span.ToArray(), lazy[0].Gradient.Span.ToArray());
        Assert.Equal(0f, GradientClipping.GlobalNorm(Enumerable.Empty<Parameter>()));
    }

    [Fact]
    public void NormIsAccumulatedInDouble()
    {
        // 2^20 ones plus many tiny values: float accumulation of squares would lose the tiny ones.
        var big = new Parameter("big", 1 << 20);
        big.Gradient.Span.Fill(1f);
        var small = new Parameter("small", 1 << 16);
        small.Gradient.Span.Fill(1f / 64f);
        double expected = Math.Sqrt((1 << 20) + (1 << 16) / 4096.0);
        Assert.Equal(expected, GradientClipping.GlobalNorm(new[] { big, small }), 3);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void NonFiniteNormIsReturnedAndGradientsAreLeftAlone(float poison)
    {
        var a = Gradient("a", 1f, 2f, poison);
        float norm = GradientClipping.ClipByGlobalNorm(new[] { a }, 1f);
        Assert.False(float.IsFinite(norm));
        Assert.Equal(new[] { 1f, 2f, poison }, a.Gradient.Span.ToArray());
    }

    [Fact]
    public void ArgumentsAreValidated()
    {
        var a = Gradient("a", 1f);
        Assert.Equal("maxNorm", Assert.ThrowsAny<ArgumentException>(() => GradientClipping.ClipByGlobalNorm(new[] { a }, 0f)).ParamName);
        Assert.Equal("maxNorm", Assert.ThrowsAny<ArgumentException>(() => GradientClipping.ClipByGlobalNorm(new[] { a }, float.NaN)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() => GradientClipping.GlobalNorm((IReadOnlyList<Parameter>)null!)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentNullException>(() => GradientClipping.ClipByGlobalNorm((IEnumerable<Parameter>)null!, 1f)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => GradientClipping.GlobalNorm(new[] { a, null! })).ParamName);
    }

    private static Parameter Gradient(string name, params float[] values)
    {
        var parameter = new Parameter(name, values.Length);
        values.CopyTo(parameter.Gradient.Span);
        return parameter;
    }
}
