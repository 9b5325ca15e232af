using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Tests.Recurrent;

/// <summary>Bad input throws an ArgumentException naming the parameter and the offending value.</summary>
public class RecurrentInputValidationTests
{
    private readonly Lstm layer = new(3, 4, numLayers: 2);

    [Fact]
    public void WrongFeatureCountIsRejected()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => layer.Forward(new Tensor(5, 2, 7)));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("[5, 2, 7]", error.Message);
        Assert.Contains("[*, *, 3]", error.Message);
    }

    [Fact]
    public void WrongRankIsRejected()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => layer.Forward(new Tensor(5, 3)));
        Assert.Equal("input", error.ParamName);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void NonFiniteInputIsRejected(float bad)
    {
        var input = new Tensor(4, 2, 3);
        input[2, 1, 0] = bad;
        var error = Assert.ThrowsAny<ArgumentException>(() => layer.Forward(input));
        Assert.Equal("input", error.ParamName);
        Assert.Contains(bad.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Contains("index 15", error.Message);
    }

    [Fact]
    public void ZeroLengthSequenceIsRejected()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => layer.Forward(new Tensor(4, 2, 3), [4, 0]));
        Assert.Equal("lengths", error.ParamName);
        Assert.Contains("length 0 for sequence 1", error.Message);
    }

    [Fact]
    public void ZeroStepsAreRejected()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => layer.Forward(new Tensor(0, 2, 3)));
        Assert.Equal("input", error.ParamName);
    }

    [Fact]
    public void LengthLongerThanPaddedLengthIsRejected()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => layer.Forward(new Tensor(4, 2, 3), [4, 9]));
        Assert.Equal("lengths", error.ParamName);
        Assert.Contains("length 9", error.Message);
        Assert.Contains("padded length 4", error.Message);
    }

    [Fact]
    public void LengthCountMustMatchBatch()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => layer.Forward(new Tensor(4, 2, 3), [4, 4, 4]));
        Assert.Equal("lengths", error.ParamName);
    }

    [Fact]
    public void InitialStateShapeMustMatch()
    {
        var state = new RecurrentState(new Tensor(1, 2, 4), new Tensor(1, 2, 4));
        var error = Assert.ThrowsAny<ArgumentException>(() => layer.Forward(new Tensor(4, 2, 3), default, state));
        Assert.Equal("initialState.Hidden", error.ParamName);
        Assert.Contains("[2, 2, 4]", error.Message);
    }

    [Fact]
    public void LstmStateNeedsCell()
    {
        var state = new RecurrentState(new Tensor(2, 2, 4));
        var error = Assert.ThrowsAny<ArgumentException>(() => layer.Forward(new Tensor(4, 2, 3), default, state));
        Assert.Equal("initialState", error.ParamName);
    }

    [Fact]
    public void GradientShapeMustMatchOutput()
    {
        layer.Forward(new Tensor(4, 2, 3));
        var error = Assert.ThrowsAny<ArgumentException>(() => layer.Backward(new Tensor(4, 2, 5)));
        Assert.Equal("gradOutput", error.ParamName);
    }

    [Fact]
    public void InvalidConstructorArgumentsAreRejected()
    {
        Assert.Equal("hiddenSize", Assert.ThrowsAny<ArgumentException>(() => new Gru(3, 0)).ParamName);
        Assert.Equal("dropout", Assert.ThrowsAny<ArgumentException>(() => new Gru(3, 4, dropout: 1.5f)).ParamName);
        Assert.Equal("numLayers", Assert.ThrowsAny<ArgumentException>(() => new Lstm(3, 4, numLayers: 0)).ParamName);
    }
}
