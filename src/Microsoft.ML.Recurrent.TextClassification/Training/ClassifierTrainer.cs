using Microsoft.ML.Recurrent.Engine.Losses;
using Microsoft.ML.Recurrent.Engine.Optimization;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Training;
using Microsoft.ML.Recurrent.Text.Batching;
using Microsoft.ML.Recurrent.TextClassification.Input;
using Microsoft.ML.Recurrent.TextClassification.Network;

namespace Microsoft.ML.Recurrent.TextClassification.Training;

/// <summary>
/// Trains a <see cref="ClassifierNetwork"/> with Adam on the (class-weighted) softmax cross-entropy. Each epoch draws new
/// length-bucketed batches, so short texts are batched with short ones and little padding is computed. With a
/// validation share, a stratified part of the data is held out, training stops early on its loss and the best epoch's
/// weights are kept.
/// </summary>
internal sealed class ClassifierTrainer
{
    private const int EvaluationBatchSize = 256;

    private readonly ClassifierNetwork network;
    private readonly int[][] rows;
    private readonly int[] labels;
    private readonly SparseRows? extras;
    private readonly SoftmaxCrossEntropyLoss loss;
    private readonly TextClassifierOptions options;

    public ClassifierTrainer(ClassifierNetwork network, int[][] rows, int[] labels, SparseRows? extras, float[]? classWeights, TextClassifierOptions options)
    {
        this.network = network;
        this.rows = rows;
        this.labels = labels;
        this.extras = extras;
        this.options = options;
        loss = new SoftmaxCrossEntropyLoss(classWeights: classWeights);
    }

    /// <summary>Trains the network, leaving it in evaluation mode; <paramref name="random"/> splits and shuffles.</summary>
    public TrainingResult Train(RandomSource random)
    {
        var (training, validation) = options.ValidationFraction > 0f
            ? Stratification.Split(labels, options.ValidationFraction, random)
            : (Enumerable.Range(0, rows.Length).ToArray(), []);
        if (training.Length == 0)
        {
            training = validation;
            validation = [];
        }

        var batcher = new LengthBucketBatcher(options.BatchSize);
        var lengths = training.Select(i => rows[i].Length).ToArray();
        var batches = batcher.CreateBatches(lengths, random);
        var batchLabels = new int[options.BatchSize];
        var optimizer = new Adam(network.Parameters, options.LearningRate);

        float TrainBatch(int epoch, int index)
        {
            if (index == 0 && epoch > 0)
            {
                batches = batcher.CreateBatches(lengths, random);
            }

            var batch = PaddedBatch.Create(rows, batches[index].Select(i => training[i]).ToArray());
            float value = Loss(batch, batchLabels);
            network.Backward(loss.Gradient);
            return value;
        }

        var validationBatches = validation.Length == 0 ? null : EvaluationBatches(rows, validation);
        var settings = new TrainingOptions
        {
            Epochs = options.Epochs,
            GradientClipNorm = options.GradientClipNorm,
            EarlyStoppingPatience = options.EarlyStoppingPatience,
            Progress = options.Progress,
        };
        return TrainingLoop.Run(network, optimizer, batches.Count, TrainBatch, validationBatches is null ? null : () => Validate(validationBatches), settings);
    }

    /// <summary>Padded batches of <paramref name="indices"/>, sorted by length, for evaluation-mode passes.</summary>
    internal static List<PaddedBatch> EvaluationBatches(int[][] rows, int[] indices)
    {
        var lengths = indices.Select(i => rows[i].Length).ToArray();
        return new LengthBucketBatcher(EvaluationBatchSize).CreateBatches(lengths)
            .Select(batch => PaddedBatch.Create(rows, batch.Select(i => indices[i]).ToArray()))
            .ToList();
    }

    /// <summary>Mean loss over the validation texts, weighted like training.</summary>
    private float Validate(List<PaddedBatch> batches)
    {
        var buffer = new int[EvaluationBatchSize];
        double total = 0, weight = 0;
        foreach (var batch in batches)
        {
            float value = Loss(batch, buffer);
            double batchWeight = 0;
            foreach (int i in batch.Indices)
            {
                batchWeight += loss.ClassWeights?[labels[i]] ?? 1f;
            }

            total += value * batchWeight;
            weight += batchWeight;
        }

        return (float)(total / weight);
    }

    private float Loss(PaddedBatch batch, int[] labelBuffer)
    {
        var batchLabels = labelBuffer.AsSpan(0, batch.BatchSize);
        for (int b = 0; b < batchLabels.Length; b++)
        {
            batchLabels[b] = labels[batch.Indices[b]];
        }

        var logits = network.Forward(batch.Ids, batch.Steps, batch.BatchSize, batch.Lengths, extras, batch.Indices, out _);
        return loss.Compute(logits, batchLabels);
    }
}
