using Microsoft.ML.Recurrent.Engine.Optimization;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Training;
using Microsoft.ML.Recurrent.Text.Batching;
using Microsoft.ML.Recurrent.Translation.Network;

namespace Microsoft.ML.Recurrent.Translation.Training;

/// <summary>
/// Trains the network with the engine's <see cref="TrainingLoop"/>: Adam, global-norm clipping, length-bucketed batches
/// reshuffled every epoch and run data-parallel (<see cref="DataParallelPass"/>), the epoch's teacher-forcing ratio,
/// and early stopping on a validation score (lower is better), keeping the best epoch's weights.
/// </summary>
internal static class Seq2SeqTrainer
{
    /// <summary>Trains and returns the progress of every epoch.</summary>
    /// <param name="network">The network to train; left in evaluation mode.</param>
    /// <param name="corpus">The training pairs.</param>
    /// <param name="validate">Returns the validation score (lower is better), or null to train without validation.</param>
    /// <param name="metric">What <paramref name="validate"/> returns: the loss, or −BLEU.</param>
    /// <param name="options">Training settings.</param>
    /// <param name="random">Source of batch order and scheduled-sampling draws.</param>
    public static IReadOnlyList<TranslatorProgress> Run(
        Seq2SeqNetwork network, TrainingCorpus corpus, Func<float>? validate, EarlyStoppingMetric metric, TranslatorOptions options, RandomSource random)
    {
        var optimizer = new Adam(network.TrainableParameters, options.LearningRate);
        var batcher = new LengthBucketBatcher(options.BatchSize);
        int[] lengths = corpus.Sources.Select(s => s.Length).ToArray();
        var batchRandom = random.Fork();
        var batches = batcher.CreateBatches(lengths, batchRandom);
        var pass = new DataParallelPass(network, options.LabelSmoothing, random.Fork());
        float TrainBatch(int epoch, int index)
        {
            if (index == 0 && epoch > 0)
            {
                batches = batcher.CreateBatches(lengths, batchRandom);
            }

            network.SyncTiedWeights();
            return pass.Run(corpus, batches[index], TeacherForcingRatio.At(options, epoch));
        }

        var history = new List<TranslatorProgress>();
        void Report(EpochProgress p)
        {
            float? value = p.ValidationLoss;
            var progress = new TranslatorProgress(
                p.Epoch, p.TrainingLoss, metric == EarlyStoppingMetric.Loss ? value : null, metric == EarlyStoppingMetric.Bleu ? -value : null,
                TeacherForcingRatio.At(options, p.Epoch - 1), p.Elapsed, p.IsBest);
            history.Add(progress);
            options.Progress?.Invoke(progress);
        }

        var training = new TrainingOptions
        {
            Epochs = options.Epochs,
            GradientClipNorm = options.GradientClipNorm,
            EarlyStoppingPatience = validate is null ? 0 : options.EarlyStoppingPatience,
            TimeBudget = options.TimeBudget,
            Progress = Report,
        };
        Func<float>? validation = validate is null ? null : () =>
        {
            network.SyncTiedWeights();
            return validate();
        };
        TrainingLoop.Run(network, optimizer, batches.Count, TrainBatch, validation, training);
        network.SyncTiedWeights();
        network.Eval();
        return history;
    }
}
