using Microsoft.ML.Recurrent.Engine.Layers;
using Microsoft.ML.Recurrent.Engine.Losses;
using Microsoft.ML.Recurrent.Engine.Optimization;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Training;

namespace Microsoft.ML.Recurrent.Engine.Tests.Training;

public class TrainingLoopTests
{
    private readonly Dense model = new(2, 1, new RandomSource(1));
    private readonly MeanSquaredErrorLoss loss = new();
    private readonly Tensor input = Tensor.FromArray([1f, 2f, -1f, 0.5f], 2, 2);
    private readonly Tensor target = Tensor.FromArray([1f, -2f], 2, 1);

    private float TrainBatch(int epoch, int batch)
    {
        float value = loss.Compute(model.Forward(input), target);
        model.Backward(loss.Gradient);
        return value;
    }

    [Fact]
    public void ReportsProgressEveryEpochAndLearns()
    {
        var reported = new List<EpochProgress>();
        var result = TrainingLoop.Run(model, new Adam(model.Parameters, 0.05f), 5, TrainBatch, null, new TrainingOptions { Epochs = 30, Progress = reported.Add });
        Assert.Equal(30, reported.Count);
        Assert.Equal(Enumerable.Range(1, 30), reported.Select(p => p.Epoch));
        Assert.All(reported, p => Assert.True(p.GradientNorm >= 0 && p.Elapsed > TimeSpan.Zero && p.ValidationLoss is null));
        Assert.True(reported[^1].TrainingLoss < reported[0].TrainingLoss / 10);
        Assert.Equal(30, result.BestEpoch);
        Assert.False(result.StoppedEarly);
        Assert.False(model.Training);
    }

    [Fact]
    public void NonFiniteLossStopsWithEpochAndBatch()
    {
        int calls = 0;
        float Poisoned(int epoch, int batch) => ++calls == 8 ? float.NaN : TrainBatch(epoch, batch);
        var error = Assert.Throws<TrainingDivergedException>(() =>
            TrainingLoop.Run(model, new Sgd(model.Parameters, 0.01f), 3, Poisoned, null, new TrainingOptions { Epochs = 5 }));
        Assert.Equal(3, error.Epoch);
        Assert.Equal(1, error.Batch);
        Assert.Contains("epoch 3, batch 1", error.Message);
    }

    [Fact]
    public void LossGrowingByOrdersOfMagnitudeStopsNamingTheLearningRate()
    {
        // Adam with a learning rate of 1e6 moves every weight by about 1e6 in its first update: the loss stays finite but
        // explodes, which must not train on silently to garbage.
        var error = Assert.Throws<TrainingDivergedException>(() =>
            TrainingLoop.Run(model, new Adam(model.Parameters, 1e6f), 3, TrainBatch, null, new TrainingOptions { Epochs = 5 }));
        Assert.Equal(1, error.Epoch);
        Assert.Equal(1, error.Batch);
        Assert.Equal(1e6f, error.LearningRate);
        Assert.True(error.Loss > TrainingLoop.DivergenceFactor * 0.1f);
        Assert.Contains("LearningRate = 1000000", error.Message);
        Assert.Contains("1000 times the first batch's", error.Message);
    }

    [Fact]
    public void NonFiniteValueInTheNetworkAfterAnUpdateIsDivergence()
    {
        // Weights pushed past float range make a layer meet infinity inside the batch, before any loss is returned.
        var poisoned = Tensor.FromArray([float.PositiveInfinity, 0f], 2, 1);
        float Explode(int epoch, int batch) => batch == 0 ? TrainBatch(epoch, batch) : loss.Compute(poisoned, target);
        var error = Assert.Throws<TrainingDivergedException>(() =>
            TrainingLoop.Run(model, new Sgd(model.Parameters, 1e30f), 2, Explode, null, new TrainingOptions { Epochs = 1 }));
        Assert.Equal(1, error.Batch);
        Assert.Contains("after 1 updates the network produced a non-finite value", error.Message);
        Assert.Contains("LearningRate = 1E+30", error.Message);
        Assert.IsAssignableFrom<ArgumentException>(error.InnerException);

        // Before any update the weights are as initialised, so a non-finite value there is the caller's bad input.
        var input = Assert.ThrowsAny<ArgumentException>(() =>
            TrainingLoop.Run(model, new Sgd(model.Parameters, 0.1f), 1, (_, _) => loss.Compute(poisoned, target), null, new TrainingOptions { Epochs = 1 }));
        Assert.Equal("predictions", input.ParamName);
    }

    [Fact]
    public void EarlyStoppingRestoresTheBestWeights()
    {
        // Validation improves for three epochs, then gets worse: training stops after the patience runs out
        // and the weights of epoch 3 come back.
        float[] validation = [5f, 4f, 3f, 3.5f, 3.6f, 3.7f, 3.8f, 3.9f];
        int epochIndex = 0;
        float[]? weightsAtBest = null;
        float Validate()
        {
            float value = validation[epochIndex++];
            if (epochIndex == 3)
            {
                weightsAtBest = model.Weight.Value.Span.ToArray();
            }

            return value;
        }

        var options = new TrainingOptions { Epochs = 8, EarlyStoppingPatience = 2 };
        var result = TrainingLoop.Run(model, new Adam(model.Parameters, 0.05f), 2, TrainBatch, Validate, options);
        Assert.True(result.StoppedEarly);
        Assert.Equal(5, result.History.Count);
        Assert.Equal(3, result.BestEpoch);
        Assert.Equal(3f, result.Best.ValidationLoss);
        Assert.Equal(weightsAtBest, model.Weight.Value.Span.ToArray());
    }

    [Fact]
    public void ScheduleDrivesTheLearningRate()
    {
        var rates = new List<float>();
        var options = new TrainingOptions { Epochs = 4, Schedule = new StepDecaySchedule(1f, 1, 0.5f), Progress = p => rates.Add(p.LearningRate) };
        TrainingLoop.Run(model, new Sgd(model.Parameters, 123f), 1, TrainBatch, null, options);
        Assert.Equal([1f, 0.5f, 0.25f, 0.125f], rates);
    }

    [Fact]
    public void SpentTimeBudgetEndsTheEpochInProgressAfterValidatingIt()
    {
        // A budget of one tick is used up by the first batch: that epoch ends after one of its ten batches, is validated
        // and reported, and no further epoch runs.
        int batches = 0, validations = 0;
        float Count(int epoch, int batch)
        {
            batches++;
            return TrainBatch(epoch, batch);
        }

        var options = new TrainingOptions { Epochs = 5, TimeBudget = TimeSpan.FromTicks(1) };
        var result = TrainingLoop.Run(model, new Adam(model.Parameters, 0.05f), 10, Count, () => ++validations, options);
        Assert.Equal(1, batches);
        Assert.Equal(1, validations);
        Assert.Single(result.History);
        Assert.True(result.StoppedByTimeBudget);
        Assert.False(result.StoppedEarly);
        Assert.True(float.IsFinite(result.History[0].TrainingLoss));
    }

    [Fact]
    public void InvalidOptionsAreNamed()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() =>
            TrainingLoop.Run(model, new Sgd(model.Parameters, 0.1f), 1, TrainBatch, null, new TrainingOptions { Epochs = 0 }));
        Assert.Equal("Epochs", error.ParamName);
        error = Assert.ThrowsAny<ArgumentException>(() =>
            TrainingLoop.Run(model, new Sgd(model.Parameters, 0.1f), 1, TrainBatch, null, new TrainingOptions { GradientClipNorm = -1 }));
        Assert.Equal("GradientClipNorm", error.ParamName);
        error = Assert.ThrowsAny<ArgumentException>(() =>
            TrainingLoop.Run(model, new Sgd(model.Parameters, 0.1f), 1, TrainBatch, null, new TrainingOptions { TimeBudget = TimeSpan.Zero }));
        Assert.Equal("TimeBudget", error.ParamName);
    }
}
