using System.Diagnostics;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Optimization;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Training;

/// <summary>
/// The epoch loop shared by every task model: per batch zero the gradients, run the caller's forward and backward,
/// guard against divergence, clip by global norm and step the optimizer; per epoch validate, report progress and
/// stop early, keeping the best weights.
/// </summary>
/// <remarks>
/// Divergence stops training with a <see cref="TrainingDivergedException"/> naming the learning rate: a loss or gradient
/// norm that is NaN or infinite, a layer or loss meeting a non-finite value after the first update, or a batch loss more
/// than <see cref="DivergenceFactor"/> times the first batch's (a learning rate far too high trains to garbage long
/// before anything overflows).
/// </remarks>
public static class TrainingLoop
{
    /// <summary>How many times the first batch's loss a later batch's loss may reach before training counts as diverged.</summary>
    public const float DivergenceFactor = 1000f;

    /// <summary>Trains <paramref name="model"/> for <see cref="TrainingOptions.Epochs"/> epochs or until early stopping or the time budget ends it.</summary>
    /// <param name="model">The module whose parameters the optimizer updates; switched to training mode for batches and evaluation mode for validation.</param>
    /// <param name="optimizer">Updates the parameters.</param>
    /// <param name="batchesPerEpoch">Number of batches in one epoch.</param>
    /// <param name="trainBatch">Runs forward and backward for batch (epoch, index) and returns its loss.</param>
    /// <param name="validate">Returns the validation loss, or null to train without validation.</param>
    /// <param name="options">Epochs, clipping, schedule, early stopping and progress reporting.</param>
    public static TrainingResult Run(
        Module model, Optimizer optimizer, int batchesPerEpoch, Func<int, int, float> trainBatch, Func<float>? validate, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(trainBatch);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (batchesPerEpoch < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchesPerEpoch), batchesPerEpoch, "There must be at least one training batch.");
        }

        var parameters = optimizer.Parameters;
        var history = new List<EpochProgress>();
        var best = new WeightSnapshot(parameters);
        float bestLoss = float.PositiveInfinity;
        int bestEpoch = 0, step = 0, epochsWithoutImprovement = 0;
        bool stoppedEarly = false, budgetUsed = false;
        float learningRate = options.Schedule?.Rate(0) ?? optimizer.LearningRate;
        float firstLoss = float.NaN;
        var clock = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var watch = Stopwatch.StartNew();
            model.Train();
            double lossSum = 0, normSum = 0;
            int batchesRun = 0;
            for (int batch = 0; batch < batchesPerEpoch && !budgetUsed; batch++)
            {
                if (options.Schedule is not null)
                {
                    optimizer.LearningRate = options.Schedule.Rate(options.SchedulePerBatch ? step : epoch - 1);
                }

                optimizer.ZeroGrad();
                float loss;
                try
                {
                    loss = trainBatch(epoch - 1, batch);
                }
                catch (Exception e) when (step > 0 && NonFiniteValueException.Find(e) is { } nonFinite)
                {
                    throw new TrainingDivergedException(
                        epoch, batch, float.NaN, float.NaN, learningRate, $"after {step} updates the network produced a non-finite value ({nonFinite.Message})", e);
                }

                model.ClearTape();
                float norm = options.GradientClipNorm > 0f
                    ? GradientClipping.ClipByGlobalNorm(parameters, options.GradientClipNorm)
                    : GradientClipping.GlobalNorm(parameters);
                if (!float.IsFinite(loss) || !float.IsFinite(norm))
                {
                    throw new TrainingDivergedException(epoch, batch, loss, norm, learningRate, $"the loss is {Format(loss)} and the gradient norm {Format(norm)}");
                }

                if (float.IsNaN(firstLoss) && loss > 0f)
                {
                    firstLoss = loss;
                }
                else if (loss > DivergenceFactor * firstLoss)
                {
                    throw new TrainingDivergedException(
                        epoch, batch, loss, norm, learningRate,
                        $"the loss rose to {Format(loss)}, more than {DivergenceFactor:0} times the first batch's {Format(firstLoss)}");
                }

                optimizer.Step();
                lossSum += loss;
                normSum += norm;
                step++;
                batchesRun++;
                budgetUsed = clock.Elapsed >= options.TimeBudget;
            }

            float? validationLoss = null;
            bool isBest = validate is null;
            if (validate is not null)
            {
                model.Eval();
                float value = validate();
                if (!float.IsFinite(value))
                {
                    throw new TrainingDivergedException(epoch, batchesRun, value, float.NaN, learningRate, $"the validation loss is {Format(value)}");
                }

                validationLoss = value;
                isBest = value < bestLoss - options.MinimumImprovement;
                if (isBest)
                {
                    bestLoss = value;
                    best.Capture();
                    epochsWithoutImprovement = 0;
                }
                else
                {
                    epochsWithoutImprovement++;
                }
            }

            if (isBest)
            {
                bestEpoch = epoch;
            }

            var progress = new EpochProgress(
                epoch, (float)(lossSum / batchesRun), validationLoss, (float)(normSum / batchesRun), optimizer.LearningRate, watch.Elapsed, isBest);
            history.Add(progress);
            options.Progress?.Invoke(progress);
            if (validate is not null && options.EarlyStoppingPatience > 0 && epochsWithoutImprovement >= options.EarlyStoppingPatience)
            {
                stoppedEarly = epoch < options.Epochs;
                break;
            }

            if (budgetUsed)
            {
                break;
            }
        }

        if (validate is not null && options.RestoreBestWeights && bestEpoch > 0)
        {
            best.Restore();
        }

        model.Eval();
        return new TrainingResult(history, Math.Max(bestEpoch, 1), stoppedEarly) { StoppedByTimeBudget = budgetUsed };
    }

    private static string Format(float value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
