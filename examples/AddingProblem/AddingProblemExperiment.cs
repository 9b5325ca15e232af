using System.Diagnostics;
using Microsoft.ML.Recurrent.Engine.Layers;
using Microsoft.ML.Recurrent.Engine.Losses;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Optimization;
using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Training;

namespace Microsoft.ML.Recurrent.Examples.AddingProblem;

/// <summary>Settings of one adding-problem run.</summary>
public sealed record AddingProblemSettings
{
    /// <summary>"lstm", "gru" or "rnn".</summary>
    public string Cell { get; init; } = "lstm";

    /// <summary>Sequence length T.</summary>
    public int SequenceLength { get; init; } = 100;

    /// <summary>Hidden size.</summary>
    public int HiddenSize { get; init; } = 64;

    /// <summary>Sequences per batch.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Epochs of <see cref="BatchesPerEpoch"/> freshly generated batches.</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>Batches per epoch.</summary>
    public int BatchesPerEpoch { get; init; } = 100;

    /// <summary>"adam", or "sgd" (with momentum 0.9).</summary>
    public string Optimizer { get; init; } = "adam";

    /// <summary>Learning rate.</summary>
    public float LearningRate { get; init; } = 2e-3f;

    /// <summary>Global gradient-norm clip; 0 disables clipping.</summary>
    public float ClipNorm { get; init; } = 1f;

    /// <summary>Seed for weights and data.</summary>
    public int Seed { get; init; } = 1;
}

/// <summary>Outcome of one run.</summary>
/// <param name="Settings">What was run.</param>
/// <param name="TestMse">MSE on 1,000 held-out sequences (NaN if training diverged).</param>
/// <param name="History">Per-epoch progress.</param>
/// <param name="Divergence">The divergence error, if training blew up.</param>
/// <param name="Elapsed">Training time.</param>
public sealed record AddingProblemResult(AddingProblemSettings Settings, float TestMse, IReadOnlyList<EpochProgress> History, string? Divergence, TimeSpan Elapsed);

/// <summary>Trains a recurrent regressor on the adding problem and measures held-out MSE.</summary>
public static class AddingProblemExperiment
{
    /// <summary>MSE of always predicting the mean target 1.0 (variance of the sum of two U(0,1) values).</summary>
    public const float MeanBaselineMse = 1f / 6f;

    /// <summary>Runs one experiment.</summary>
    public static AddingProblemResult Run(AddingProblemSettings settings, Action<EpochProgress>? progress = null)
    {
        var random = new RandomSource(settings.Seed);
        var network = new Regressor(settings, random);
        var loss = new MeanSquaredErrorLoss();
        Optimizer optimizer = settings.Optimizer == "sgd"
            ? new Sgd(network.Parameters, settings.LearningRate, momentum: 0.9f)
            : new Adam(network.Parameters, settings.LearningRate);
        var input = new Tensor(settings.SequenceLength, settings.BatchSize, 2);
        var target = new Tensor(settings.BatchSize, 1);
        var dataRandom = new RandomSource(settings.Seed + 1000);
        var testInput = new Tensor(settings.SequenceLength, 1000, 2);
        var testTarget = new Tensor(1000, 1);
        AddingProblemData.Fill(testInput, testTarget, new RandomSource(settings.Seed + 2000));

        float TrainBatch(int epoch, int batch)
        {
            AddingProblemData.Fill(input, target, dataRandom);
            float value = loss.Compute(network.Forward(input), target);
            network.Backward(loss.Gradient);
            return value;
        }

        float Test() => loss.Compute(network.Forward(testInput), testTarget);

        var options = new TrainingOptions { Epochs = settings.Epochs, GradientClipNorm = settings.ClipNorm, Progress = progress };
        var watch = Stopwatch.StartNew();
        try
        {
            var result = TrainingLoop.Run(network, optimizer, settings.BatchesPerEpoch, TrainBatch, Test, options);
            return new AddingProblemResult(settings, result.Best.ValidationLoss!.Value, result.History, null, watch.Elapsed);
        }
        catch (TrainingDivergedException diverged)
        {
            return new AddingProblemResult(settings, float.NaN, [], diverged.Message, watch.Elapsed);
        }
    }

    /// <summary>Recurrent layer, last state, dense output.</summary>
    private sealed class Regressor : Module
    {
        private readonly RecurrentLayer recurrent;
        private readonly Dense head;

        public Regressor(AddingProblemSettings settings, RandomSource random)
            : base("adding_" + settings.Cell)
        {
            recurrent = AddChild<RecurrentLayer>(settings.Cell switch
            {
                "lstm" => new Lstm(2, settings.HiddenSize, random: random),
                "gru" => new Gru(2, settings.HiddenSize, random: random),
                "rnn" => new SimpleRnn(2, settings.HiddenSize, random: random),
                _ => throw new ArgumentException($"Unknown cell '{settings.Cell}'; use lstm, gru or rnn.", nameof(settings)),
            });
            recurrent.ReturnSequences = false;
            recurrent.RequiresInputGradient = false;
            head = AddChild(new Dense(settings.HiddenSize, 1, random, name: "head"));
        }

        public Tensor Forward(Tensor input) => head.Forward(recurrent.Forward(input).Output);

        public void Backward(Tensor gradOutput) => recurrent.Backward(head.Backward(gradOutput));
    }
}
