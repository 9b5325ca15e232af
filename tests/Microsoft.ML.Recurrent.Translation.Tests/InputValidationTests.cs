namespace Microsoft.ML.Recurrent.Translation.Tests;

public class InputValidationTests(ReversalModel model) : IClassFixture<ReversalModel>
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void EmptySourceIsRejectedByName(string source)
    {
        var e = Assert.Throws<ArgumentException>(() => model.Translator.Translate(source));
        Assert.Equal("source", e.ParamName);
    }

    [Fact]
    public void EmptySourceInABatchIsRejectedWithItsIndex()
    {
        var e = Assert.Throws<ArgumentException>(() => model.Translator.TranslateMany(["abc", ""]));
        Assert.Equal("sources[1]", e.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void BeamSizeBelowOneIsRejected(int beamSize)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.Translator.Translate("abc", new DecodingOptions { BeamSize = beamSize }));
        Assert.Equal("BeamSize", e.ParamName);
    }

    [Fact]
    public void NegativeLengthPenaltyIsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.Translator.Translate("abc", new DecodingOptions { LengthPenalty = -1f }));
        Assert.Equal("LengthPenalty", e.ParamName);
    }

    [Fact]
    public void NBestCountBelowOneIsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.Translator.TranslateNBest("abc", 0));
        Assert.Equal("count", e.ParamName);
    }

    [Fact]
    public void MismatchedPairCountsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Translator.Fit(["a b", "c d"], ["x"]));
        Assert.Equal("targets", e.ParamName);
        Assert.Contains("1 sentences", e.Message);
        var evaluate = Assert.Throws<ArgumentException>(() => model.Translator.Evaluate(["abc"], ["cba", "x"]));
        Assert.Equal("references", evaluate.ParamName);
    }

    [Fact]
    public void BlankTrainingSentenceIsRejectedWithItsIndex()
    {
        var e = Assert.Throws<ArgumentException>(() => Translator.Fit(["a b", "c d"], ["x", " "]));
        Assert.Equal("targets", e.ParamName);
        Assert.Contains("index 1", e.Message);
    }

    [Fact]
    public void ValidationPairsMustComeTogether()
    {
        var e = Assert.Throws<ArgumentException>(() => Translator.Fit(["a"], ["b"], null, ["c"], null));
        Assert.Equal("validationTargets", e.ParamName);
    }

    [Theory]
    [InlineData(nameof(TranslatorOptions.Dropout))]
    [InlineData(nameof(TranslatorOptions.HiddenSize))]
    [InlineData(nameof(TranslatorOptions.TeacherForcingDecay))]
    [InlineData(nameof(TranslatorOptions.LabelSmoothing))]
    public void InvalidOptionsAreRejectedByName(string name)
    {
        var options = new TranslatorOptions();
        switch (name)
        {
            case nameof(TranslatorOptions.Dropout): options.Dropout = 1f; break;
            case nameof(TranslatorOptions.HiddenSize): options.HiddenSize = 33; break;
            case nameof(TranslatorOptions.TeacherForcingDecay): options.TeacherForcing = TeacherForcingSchedule.Exponential; options.TeacherForcingDecay = 1.5f; break;
            default: options.LabelSmoothing = float.NaN; break;
        }

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Translator.Fit(["a"], ["b"], options));
        Assert.Equal(name, e.ParamName);
    }
}
