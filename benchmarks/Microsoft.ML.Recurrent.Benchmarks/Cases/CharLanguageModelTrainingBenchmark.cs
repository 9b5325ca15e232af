using Microsoft.ML.Recurrent.Engine.Losses;
using Microsoft.ML.Recurrent.Engine.Optimization;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Training;
using Microsoft.ML.Recurrent.TextGeneration;

namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>
/// One stateful truncated-BPTT training step of the default character language model (2-layer LSTM, hidden 512,
/// embedding 64, dropout 0.2, 64 streams × 100 characters of tinyshakespeare): embedding, LSTM from the carried state,
/// dropout, output layer, softmax cross-entropy, backward, clipping at 5 and an Adam update. Reports characters per second.
/// </summary>
internal sealed class CharLanguageModelTrainingBenchmark : BenchmarkCase
{
    public override string Name => "train-charlm";

    public override string Kind => "train";

    public override IReadOnlyList<(string Field, double Value)> Run()
    {
        var options = new CharLanguageModelOptions();
        string text = File.ReadAllText(DataFiles.Find("tinyshakespeare", "input.txt"));
        var vocabulary = CharacterVocabulary.Build(text);
        var random = new RandomSource(1);
        var network = new CharNetwork(vocabulary.Count, options, random);
        var streams = new TrainingStreams(vocabulary.Encode(text), options.BatchSize, options.SequenceLength);
        var bptt = new TruncatedBptt(network.Recurrent, options.BatchSize);
        var parameters = network.TrainableParameters;
        var optimizer = new Adam(parameters, options.LearningRate);
        var loss = new SoftmaxCrossEntropyLoss();
        var inputs = new int[options.BatchSize * options.SequenceLength];
        var labels = new int[inputs.Length];
        int window = 0;
        network.Train();

        void Step()
        {
            streams.Fill(window++ % streams.WindowsPerEpoch, inputs, labels);
            optimizer.ZeroGrad();
            network.TrainWindow(bptt, inputs, labels, options.SequenceLength, options.BatchSize, loss);
            network.ClearTape();
            GradientClipping.ClipByGlobalNorm(parameters, options.GradientClipNorm);
            optimizer.Step();
        }

        double seconds = SecondsPerCall(Step, roundSeconds: 2.0, rounds: 5, warmupSeconds: 3);
        return [("tokens_per_s", inputs.Length / seconds), ("ms_per_step", seconds * 1e3)];
    }
}
