using Microsoft.ML.Recurrent.Engine.Losses;
using Microsoft.ML.Recurrent.Engine.Optimization;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Training;

namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// Trains the ensemble on the pinball loss of every quantile. With validation windows, a first network trains on the
/// other windows with early stopping to find the best epoch count; then every member trains from its own seed on all
/// windows (so the most recent data is learned too) for that many epochs.
/// </summary>
internal sealed class EnsembleTrainer
{
    private const float GradientClipNorm = 1f;
    private const int ValidationChunk = 256;

    private readonly TrainingWindows windows;
    private readonly ModelLayout layout;
    private readonly ForecasterOptions options;
    private readonly QuantileLoss loss;
    private List<Batch>? validationBatches;

    public EnsembleTrainer(TrainingWindows windows, ForecasterOptions options)
    {
        this.windows = windows;
        layout = windows.Layout;
        this.options = options;
        loss = new QuantileLoss(layout.Quantiles);
    }

    /// <summary>Trains and returns the members, in evaluation mode, and the epoch count they trained for.</summary>
    public (ForecastNetwork[] Members, int Epochs) Train()
    {
        var seeds = new RandomSource(options.Seed);
        int epochs = options.Epochs;
        if (windows.Validation.Count > 0)
        {
            var search = CreateNetwork(seeds.Fork());
            var result = Run(search, windows.Training, epochs, seeds.Fork(), member: 0, search: true);
            epochs = result.BestEpoch;
        }

        var all = windows.All;
        var members = new ForecastNetwork[options.ResolvedEnsembleSize(all.Length)];
        for (int m = 0; m < members.Length; m++)
        {
            members[m] = CreateNetwork(seeds.Fork());
            Run(members[m], all, epochs, seeds.Fork(), m, search: false);
        }

        return (members, epochs);
    }

    /// <summary>A network with this training's shape.</summary>
    public ForecastNetwork CreateNetwork(RandomSource random) =>
        new(layout, options.Cell, options.HiddenSize, options.NumLayers, options.Dropout, random);

    private TrainingResult Run(ForecastNetwork network, IReadOnlyList<int> ids, int epochs, RandomSource shuffle, int member, bool search)
    {
        var order = ids.ToArray();
        int batchSize = Math.Min(options.BatchSize, order.Length);
        int batches = (order.Length + batchSize - 1) / batchSize;
        var full = new Batch(layout, batchSize);
        var rest = order.Length % batchSize == 0 ? full : new Batch(layout, order.Length % batchSize);
        var optimizer = new Adam(network.Parameters, options.LearningRate);

        float TrainBatch(int epoch, int index)
        {
            if (index == 0)
            {
                shuffle.Shuffle(order.AsSpan());
            }

            int start = index * batchSize;
            var batch = start + batchSize <= order.Length ? full : rest;
            batch.Fill(windows, order.AsSpan(start, batch.Size));
            float value = batch.Loss(loss, network.Forward(batch.Input, batch.Extras));
            network.Backward(loss.Gradient.Reshape(batch.Size, layout.OutputWidth));
            return value;
        }

        var training = new TrainingOptions
        {
            Epochs = epochs,
            GradientClipNorm = GradientClipNorm,
            EarlyStoppingPatience = search ? options.EarlyStoppingPatience : 0,
            Progress = options.Progress is { } progress ? p => progress(new ForecasterProgress(member, search, p)) : null,
        };
        return TrainingLoop.Run(network, optimizer, batches, TrainBatch, search ? () => Validate(network) : null, training);
    }

    /// <summary>Mean pinball loss over the validation windows, weighted like training; the batches are filled once.</summary>
    private float Validate(ForecastNetwork network)
    {
        if (validationBatches is null)
        {
            validationBatches = [];
            var ids = windows.Validation.ToArray();
            for (int start = 0; start < ids.Length; start += ValidationChunk)
            {
                var batch = new Batch(layout, Math.Min(ValidationChunk, ids.Length - start));
                batch.Fill(windows, ids.AsSpan(start, batch.Size));
                validationBatches.Add(batch);
            }
        }

        double total = 0, weight = 0;
        foreach (var batch in validationBatches)
        {
            double batchWeight = TensorPrimitives.Sum<float>(batch.Weights.Values);
            total += batch.Loss(loss, network.Forward(batch.Input, batch.Extras)) * batchWeight;
            weight += batchWeight;
        }

        return (float)(total / weight);
    }

    /// <summary>A batch of windows, time-major, with its targets and weights.</summary>
    private sealed class Batch
    {
        private readonly ModelLayout layout;

        public Batch(ModelLayout layout, int size)
        {
            this.layout = layout;
            Size = size;
            Input = new Tensor(layout.Lookback, size, layout.InputWidth);
            Extras = new float[size * layout.ExtraWidth];
            Targets = new Tensor(size, layout.OutputSteps);
            Weights = new Tensor(size, layout.OutputSteps);
        }

        public int Size { get; }

        public Tensor Input { get; }

        public float[] Extras { get; }

        public Tensor Targets { get; }

        public Tensor Weights { get; }

        /// <summary>Copies windows <paramref name="ids"/> into the batch.</summary>
        public void Fill(TrainingWindows windows, ReadOnlySpan<int> ids)
        {
            int lookback = layout.Lookback, width = layout.InputWidth, extra = layout.ExtraWidth, outputs = layout.OutputSteps;
            var input = Input.Span;
            var targets = Targets.Span;
            var weights = Weights.Span;
            for (int b = 0; b < ids.Length; b++)
            {
                int id = ids[b];
                for (int i = 0; i < lookback; i++)
                {
                    windows.Inputs.AsSpan((id * lookback + i) * width, width).CopyTo(input.Slice((i * Size + b) * width, width));
                }

                windows.Extras.AsSpan(id * extra, extra).CopyTo(Extras.AsSpan(b * extra, extra));
                windows.Targets.AsSpan(id * outputs, outputs).CopyTo(targets.Slice(b * outputs, outputs));
                windows.Weights.AsSpan(id * outputs, outputs).CopyTo(weights.Slice(b * outputs, outputs));
            }
        }

        /// <summary>Pinball loss of <paramref name="output"/> [Size, OutputSteps·Q] against the batch targets.</summary>
        public float Loss(QuantileLoss loss, Tensor output) =>
            loss.Compute(output.Reshape(Size, layout.OutputSteps, layout.Quantiles.Length), Targets, Weights);
    }
}
