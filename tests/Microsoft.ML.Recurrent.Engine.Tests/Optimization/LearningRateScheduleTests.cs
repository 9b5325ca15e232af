using Microsoft.ML.Recurrent.Engine.Optimization;

namespace Microsoft.ML.Recurrent.Engine.Tests.Optimization;

public class LearningRateScheduleTests
{
    [Fact]
    public void ConstantIsConstant()
    {
        var schedule = new ConstantSchedule(0.25f);
        Assert.Equal(new[] { 0.25f, 0.25f, 0.25f }, new[] { schedule.Rate(0), schedule.Rate(1), schedule.Rate(1_000_000) });
    }

    [Fact]
    public void StepDecayDropsEveryStepSize()
    {
        var schedule = new StepDecaySchedule(1f, 2, 0.5f);
        Assert.Equal(new[] { 1f, 1f, 0.5f, 0.5f, 0.25f }, Enumerable.Range(0, 5).Select(schedule.Rate));
    }

    [Fact]
    public void CosineReachesMinimumAndStaysThere()
    {
        var schedule = new CosineSchedule(0.1f, 4, 0.02f);
        Assert.Equal(0.1f, schedule.Rate(0));
        Assert.Equal(0.06f, schedule.Rate(2), 6);
        Assert.Equal(0.02f, schedule.Rate(4));
        Assert.Equal(0.02f, schedule.Rate(5));
        Assert.Equal(0.02f, schedule.Rate(100));
        Assert.Equal(0f, new CosineSchedule(1f, 3).Rate(3));
    }

    [Fact]
    public void WarmupRampsLinearlyThenFollowsShiftedInner()
    {
        var schedule = new WarmupSchedule(new StepDecaySchedule(0.4f, 2, 0.5f), 4);
        float[] expected = [0.1f, 0.2f, 0.3f, 0.4f, 0.4f, 0.4f, 0.2f, 0.2f, 0.1f];
        var actual = Enumerable.Range(0, expected.Length).Select(schedule.Rate).ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 6);
        }

        var single = new WarmupSchedule(new ConstantSchedule(0.3f), 1);
        Assert.Equal(0.3f, single.Rate(0));
        Assert.Equal(0.3f, single.Rate(1));
    }

    [Fact]
    public void WarmupWrapsCosine()
    {
        var cosine = new CosineSchedule(1f, 10);
        var schedule = new WarmupSchedule(cosine, 5);
        Assert.Equal(0.2f, schedule.Rate(0), 6);
        Assert.Equal(1f, schedule.Rate(4));
        for (int step = 5; step < 20; step++)
        {
            Assert.Equal(cosine.Rate(step - 5), schedule.Rate(step));
        }
    }

    [Fact]
    public void ArgumentsAreValidated()
    {
        Assert.Equal("rate", Assert.ThrowsAny<ArgumentException>(() => new ConstantSchedule(-1f)).ParamName);
        Assert.Equal("rate", Assert.ThrowsAny<ArgumentException>(() => new ConstantSchedule(float.NaN)).ParamName);
        Assert.Equal("initialRate", Assert.ThrowsAny<ArgumentException>(() => new StepDecaySchedule(-0.1f, 1, 0.5f)).ParamName);
        Assert.Equal("stepSize", Assert.ThrowsAny<ArgumentException>(() => new StepDecaySchedule(0.1f, 0, 0.5f)).ParamName);
        Assert.Equal("gamma", Assert.ThrowsAny<ArgumentException>(() => new StepDecaySchedule(0.1f, 1, 0f)).ParamName);
        Assert.Equal("gamma", Assert.ThrowsAny<ArgumentException>(() => new StepDecaySchedule(0.1f, 1, 1.5f)).ParamName);
        Assert.Equal("totalSteps", Assert.ThrowsAny<ArgumentException>(() => new CosineSchedule(0.1f, -3)).ParamName);
        Assert.Equal("minimumRate", Assert.ThrowsAny<ArgumentException>(() => new CosineSchedule(0.1f, 10, 0.2f)).ParamName);
        Assert.Equal("minimumRate", Assert.ThrowsAny<ArgumentException>(() => new CosineSchedule(0.1f, 10, -0.01f)).ParamName);
        Assert.Equal("inner", Assert.ThrowsAny<ArgumentException>(() => new WarmupSchedule(null!, 3)).ParamName);
        Assert.Equal("warmupSteps", Assert.ThrowsAny<ArgumentException>(() => new WarmupSchedule(new ConstantSchedule(1f), 0)).ParamName);

        LearningRateSchedule[] schedules =
        [
            new ConstantSchedule(1f), new StepDecaySchedule(1f, 1, 0.5f), new CosineSchedule(1f, 5), new WarmupSchedule(new ConstantSchedule(1f), 2),
        ];
        foreach (var schedule in schedules)
        {
            Assert.Equal("step", Assert.ThrowsAny<ArgumentException>(() => schedule.Rate(-1)).ParamName);
        }
    }
}
