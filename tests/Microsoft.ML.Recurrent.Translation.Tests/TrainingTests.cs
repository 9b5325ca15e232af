namespace Microsoft.ML.Recurrent.Translation.Tests;

public class TrainingTests
{
    [Fact]
    public void TeacherForcingSchedulesFollowTheirFormulas()
    {
        Assert.Equal(0.9f, TeacherForcingRatio.At(TeacherForcingSchedule.Constant, 7, 0.9f, 0.5f));
        Assert.Equal([1f, 0.9f, 0.8f, 0.7f], Enumerable.Range(0, 4).Select(e => TeacherForcingRatio.At(TeacherForcingSchedule.Linear, e, 1f, 0.1f)).Select(r => MathF.Round(r, 5)));
        Assert.Equal(0.25f, TeacherForcingRatio.At(TeacherForcingSchedule.Linear, 10, 1f, 0.1f, minimum: 0.25f));
        Assert.Equal(0.729f, TeacherForcingRatio.At(TeacherForcingSchedule.Exponential, 3, 1f, 0.9f), 5);
        Assert.Equal(0.5f, TeacherForcingRatio.At(TeacherForcingSchedule.Exponential, 50, 1f, 0.9f, minimum: 0.5f));
        // Inverse sigmoid: k / (k + exp(e / k)); k = 5 gives 5/6 at epoch 0 and decays through 1/2 at e = k·ln k.
        Assert.Equal(5f / 6f, TeacherForcingRatio.At(TeacherForcingSchedule.InverseSigmoid, 0, 1f, 5f), 5);
        Assert.Equal((float)(5 / (5 + Math.Exp(2.0))), TeacherForcingRatio.At(TeacherForcingSchedule.InverseSigmoid, 10, 1f, 5f), 5);
    }

    [Fact]
    public void ScheduledSamplingTrainsAndReportsEachEpochsRatio()
    {
        var (sources, targets) = SyntheticTasks.Reversal(600, seed: 3);
        var options = SyntheticTasks.SmallCharacterModel();
        options.Epochs = 3;
        options.EarlyStoppingPatience = 0;
        options.TeacherForcing = TeacherForcingSchedule.Linear;
        options.TeacherForcingDecay = 0.25f;
        var translator = Translator.Fit(sources, targets, options);
        Assert.Equal([1f, 0.75f, 0.5f], translator.TrainingHistory.Select(p => p.TeacherForcingRatio));
        Assert.True(translator.TrainingHistory[^1].TrainingLoss < translator.TrainingHistory[0].TrainingLoss);
    }

    [Fact]
    public void EqualSeedsGiveEqualModels()
    {
        var (sources, targets) = SyntheticTasks.Reversal(400, seed: 4);
        var options = SyntheticTasks.SmallCharacterModel(AttentionType.Bahdanau);
        options.Epochs = 2;
        options.Dropout = 0.2f;
        options.TeacherForcing = TeacherForcingSchedule.Exponential;
        options.TeacherForcingDecay = 0.5f;
        var first = Translator.Fit(sources, targets, options);
        var second = Translator.Fit(sources, targets, options);
        Assert.Equal(first.TrainingHistory.Select(p => p.TrainingLoss), second.TrainingHistory.Select(p => p.TrainingLoss));
        var a = first.TranslateMany(sources.Take(20).ToArray());
        var b = second.TranslateMany(sources.Take(20).ToArray());
        Assert.Equal(a.Select(t => t.Score), b.Select(t => t.Score));
    }

    [Fact]
    public void BleuEarlyStoppingReportsValidationBleu()
    {
        var (sources, targets) = SyntheticTasks.Reversal(600, seed: 5);
        var options = SyntheticTasks.SmallCharacterModel(AttentionType.None);
        options.Epochs = 2;
        options.EarlyStopping = EarlyStoppingMetric.Bleu;
        options.TieEmbeddings = true;
        options.EmbeddingDimension = 16;
        var translator = Translator.Fit(sources, targets, options);
        Assert.All(translator.TrainingHistory, p => Assert.InRange(p.ValidationBleu!.Value, 0f, 100f));
        Assert.Null(translator.TranslateMany(["abc"])[0].AttentionMatrix);
    }
}
