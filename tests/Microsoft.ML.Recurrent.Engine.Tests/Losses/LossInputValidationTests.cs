using Microsoft.ML.Recurrent.Engine.Losses;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Tests.Losses;

/// <summary>Bad input to any loss throws an ArgumentException naming the parameter, the offending value or position, and what was expected.</summary>
public class LossInputValidationTests
{
    public static TheoryData<string> RegressionLosses() => new() { "mse", "mae", "huber" };

    [Theory]
    [MemberData(nameof(RegressionLosses))]
    public void RegressionTargetShapeMismatchIsRejected(string kind)
    {
        var error = Throws(() => Regression(kind).Compute(new Tensor(3, 4), new Tensor(3, 5)), "targets");
        Assert.Contains("[3, 5]", error.Message);
        Assert.Contains("[3, 4]", error.Message);
    }

    [Theory]
    [MemberData(nameof(RegressionLosses))]
    public void RegressionWeightShapeMismatchIsRejected(string kind)
    {
        var error = Throws(() => Regression(kind).Compute(new Tensor(3, 4), new Tensor(3, 4), Ones(12)), "weights");
        Assert.Contains("[12]", error.Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void NonFinitePredictionIsRejected(float bad)
    {
        var predictions = new Tensor(3, 4);
        predictions[1, 2] = bad;
        var error = Throws(() => new MeanSquaredErrorLoss().Compute(predictions, new Tensor(3, 4)), "predictions");
        Assert.Contains(Invariant(bad), error.Message);
        Assert.Contains("[1, 2]", error.Message);
    }

    [Fact]
    public void NonFiniteTargetIsRejected()
    {
        var targets = new Tensor(2, 3, 4);
        targets[1, 0, 3] = float.NaN;
        var error = Throws(() => new HuberLoss().Compute(new Tensor(2, 3, 4), targets), "targets");
        Assert.Contains("NaN", error.Message);
        Assert.Contains("[1, 0, 3]", error.Message);
    }

    [Fact]
    public void NegativeWeightIsRejected()
    {
        var weights = Ones(2, 5);
        weights[1, 3] = -0.5f;
        var error = Throws(() => new MeanAbsoluteErrorLoss().Compute(new Tensor(2, 5), new Tensor(2, 5), weights), "weights");
        Assert.Contains("-0.5", error.Message);
        Assert.Contains("[1, 3]", error.Message);
        Assert.Contains("non-negative", error.Message);
    }

    [Fact]
    public void NonFiniteWeightIsRejected()
    {
        var weights = Ones(2, 5);
        weights[0, 4] = float.PositiveInfinity;
        Throws(() => new MeanSquaredErrorLoss().Compute(new Tensor(2, 5), new Tensor(2, 5), weights), "weights");
    }

    [Fact]
    public void AllZeroWeightsAreRejected()
    {
        var error = Throws(() => new MeanSquaredErrorLoss().Compute(new Tensor(2, 5), new Tensor(2, 5), new Tensor(2, 5)), "weights");
        Assert.Contains("zero everywhere", error.Message);
    }

    [Fact]
    public void EmptyPredictionsAreRejected() =>
        Throws(() => new MeanSquaredErrorLoss().Compute(new Tensor(0, 3), new Tensor(0, 3)), "predictions");

    [Fact]
    public void NullPredictionsAreRejected() =>
        Throws(() => new MeanSquaredErrorLoss().Compute(null!, new Tensor(3)), "predictions");

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void InvalidHuberDeltaIsRejected(float delta) => Throws(() => new HuberLoss(delta), "delta");

    [Theory]
    [InlineData(0f)]
    [InlineData(1f)]
    [InlineData(-0.2f)]
    [InlineData(1.5f)]
    [InlineData(float.NaN)]
    public void QuantileOutsideOpenUnitIntervalIsRejected(float bad)
    {
        var error = Throws(() => new QuantileLoss([0.1f, bad, 0.9f]), "quantiles");
        Assert.Contains("index 1", error.Message);
        Assert.Contains(Invariant(bad), error.Message);
    }

    [Fact]
    public void EmptyQuantilesAreRejected() => Throws(() => new QuantileLoss([]), "quantiles");

    [Fact]
    public void QuantileCountMismatchIsRejected()
    {
        var error = Throws(() => new QuantileLoss([0.1f, 0.5f, 0.9f]).Compute(new Tensor(4, 2), new Tensor(4)), "predictions");
        Assert.Contains("[4, 2]", error.Message);
        Assert.Contains("(3)", error.Message);
    }

    [Fact]
    public void QuantileTargetShapeMismatchIsRejected()
    {
        var error = Throws(() => new QuantileLoss([0.1f, 0.9f]).Compute(new Tensor(4, 2), new Tensor(4, 2)), "targets");
        Assert.Contains("[4]", error.Message);
    }

    [Fact]
    public void QuantileWeightShapeMismatchIsRejected() =>
        Throws(() => new QuantileLoss([0.1f, 0.9f]).Compute(new Tensor(4, 2), new Tensor(4), Ones(4, 2)), "weights");

    [Fact]
    public void QuantileNonFiniteTargetIsRejected()
    {
        var targets = new Tensor(4);
        targets.Span[2] = float.NegativeInfinity;
        var error = Throws(() => new QuantileLoss([0.5f]).Compute(new Tensor(4, 1), targets), "targets");
        Assert.Contains("[2]", error.Message);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void LabelOutOfRangeIsRejected(int bad)
    {
        var error = Throws(() => new SoftmaxCrossEntropyLoss().Compute(new Tensor(4, 5), [0, 4, bad, 1]), "labels");
        Assert.Contains($"value {bad} at row 2", error.Message);
        Assert.Contains("[0, 5)", error.Message);
    }

    [Fact]
    public void LabelCountMismatchIsRejected()
    {
        var error = Throws(() => new SoftmaxCrossEntropyLoss().Compute(new Tensor(4, 5), [0, 1, 2]), "labels");
        Assert.Contains("3 entries", error.Message);
        Assert.Contains("4 rows", error.Message);
    }

    [Fact]
    public void AllLabelsIgnoredIsRejected()
    {
        var error = Throws(() => new SoftmaxCrossEntropyLoss(ignoreIndex: -1).Compute(new Tensor(3, 5), [-1, -1, -1]), "labels");
        Assert.Contains("ignore index -1", error.Message);
    }

    [Fact]
    public void AllTargetClassWeightsZeroIsRejected() =>
        Throws(() => new SoftmaxCrossEntropyLoss(classWeights: [0f, 1f, 1f]).Compute(new Tensor(2, 3), [0, 0]), "labels");

    [Theory]
    [InlineData(new[] { 4, 5, 2 })]
    [InlineData(new[] { 5 })]
    public void LogitsOfWrongRankAreRejected(int[] shape) =>
        Throws(() => new SoftmaxCrossEntropyLoss().Compute(new Tensor(shape), [0, 1, 2, 3]), "logits");

    [Fact]
    public void EmptyLogitsAreRejected() => Throws(() => new SoftmaxCrossEntropyLoss().Compute(new Tensor(0, 5), []), "logits");

    [Fact]
    public void NonFiniteLogitIsRejected()
    {
        var logits = new Tensor(4, 5);
        logits[3, 1] = float.PositiveInfinity;
        var error = Throws(() => new SoftmaxCrossEntropyLoss().Compute(logits, [0, 1, 2, 3]), "logits");
        Assert.Contains("[3, 1]", error.Message);
    }

    [Fact]
    public void ClassWeightCountMismatchIsRejected()
    {
        var error = Throws(() => new SoftmaxCrossEntropyLoss(classWeights: [1f, 2f, 3f]).Compute(new Tensor(2, 4), [0, 1]), "logits");
        Assert.Contains("3 class weights", error.Message);
    }

    [Theory]
    [InlineData(-0.5f)]
    [InlineData(float.NaN)]
    public void InvalidClassWeightIsRejected(float bad)
    {
        var error = Throws(() => new SoftmaxCrossEntropyLoss(classWeights: [1f, bad]), "classWeights");
        Assert.Contains("[1]", error.Message);
    }

    [Fact]
    public void EmptyClassWeightsAreRejected() => Throws(() => new SoftmaxCrossEntropyLoss(classWeights: []), "classWeights");

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1.01f)]
    [InlineData(float.NaN)]
    public void InvalidLabelSmoothingIsRejected(float bad) => Throws(() => new SoftmaxCrossEntropyLoss(labelSmoothing: bad), "labelSmoothing");

    [Theory]
    [InlineData(1.5f)]
    [InlineData(-0.25f)]
    public void TargetOutsideUnitIntervalIsRejected(float bad)
    {
        var targets = new Tensor(2, 3);
        targets[1, 2] = bad;
        var error = Throws(() => new BinaryCrossEntropyLoss().Compute(new Tensor(2, 3), targets), "targets");
        Assert.Contains(Invariant(bad), error.Message);
        Assert.Contains("[1, 2]", error.Message);
        Assert.Contains("[0, 1]", error.Message);
    }

    [Fact]
    public void BinaryCrossEntropyShapeMismatchIsRejected() =>
        Throws(() => new BinaryCrossEntropyLoss().Compute(new Tensor(2, 3), new Tensor(3, 2)), "targets");

    [Fact]
    public void BinaryCrossEntropyNonFiniteLogitIsRejected()
    {
        var logits = new Tensor(2, 3);
        logits[0, 1] = float.NaN;
        Throws(() => new BinaryCrossEntropyLoss().Compute(logits, new Tensor(2, 3)), "logits");
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-2f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void InvalidPositiveWeightIsRejected(float bad) => Throws(() => new BinaryCrossEntropyLoss(bad), "positiveWeight");

    private static ArgumentException Throws(Action action, string parameterName)
    {
        var error = Assert.ThrowsAny<ArgumentException>(action);
        Assert.Equal(parameterName, error.ParamName);
        Assert.Contains($"'{parameterName}'", error.Message);
        return error;
    }

    private static RegressionLoss Regression(string kind) => kind switch
    {
        "mse" => new MeanSquaredErrorLoss(),
        "mae" => new MeanAbsoluteErrorLoss(),
        _ => new HuberLoss(),
    };

    private static Tensor Ones(params int[] shape)
    {
        var tensor = new Tensor(shape);
        tensor.Span.Fill(1f);
        return tensor;
    }

    private static string Invariant(float value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
