using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Text.Batching;
using Microsoft.ML.Recurrent.Translation.Network;
using Microsoft.ML.Recurrent.Translation.Training;

namespace Microsoft.ML.Recurrent.Translation.Tests;

public class GradientTests
{
    public static TheoryData<RecurrentCellType, AttentionType, bool, bool, int> Architectures => new()
    {
        { RecurrentCellType.Lstm, AttentionType.Bahdanau, true, false, 1 },
        { RecurrentCellType.Lstm, AttentionType.Luong, true, true, 2 },
        { RecurrentCellType.Gru, AttentionType.LuongDot, false, false, 1 },
        { RecurrentCellType.Gru, AttentionType.None, true, true, 2 },
    };

    /// <summary>Backpropagation through the whole seq2seq loss agrees with central finite differences of that loss.</summary>
    [Theory]
    [MemberData(nameof(Architectures))]
    public void LossGradientMatchesFiniteDifferences(RecurrentCellType cell, AttentionType attention, bool inputFeeding, bool tied, int layers)
    {
        var options = new TranslatorOptions
        {
            Cell = cell, Attention = attention, InputFeeding = inputFeeding, TieEmbeddings = tied, NumLayers = layers,
            EmbeddingDimension = 6, HiddenSize = tied ? 6 : 8, Dropout = 0f, LabelSmoothing = 0.1f,
        };
        var network = new Seq2SeqNetwork(options, sourceVocabulary: 9, targetVocabulary: 7, new RandomSource(3));
        int[][] sources = [[4, 5, 6, 3], [7, 8, 3], [5, 3]];
        int[][] targets = [[4, 5, 6], [6], [5, 4]];
        var batch = PaddedBatch.Create(sources);
        int tokens = targets.Sum(t => t.Length + 1);
        var pass = new TrainingPass(network, options.LabelSmoothing);
        double Loss()
        {
            network.SyncTiedWeights();
            double value = pass.Forward(batch, targets, 1f, new RandomSource(0), tokens) / tokens;
            network.ClearTape();
            return value;
        }

        network.Train();
        network.ZeroGrad();
        network.SyncTiedWeights();
        pass.Forward(batch, targets, 1f, new RandomSource(0), tokens);
        pass.Backward();
        var random = new RandomSource(5);
        foreach (var (name, parameter) in network.NamedParameters)
        {
            if (tied && parameter == network.TargetEmbedding.Weight)
            {
                continue; // its gradient is folded into the shared output weight
            }

            // Writes go through Span each time: that marks the weights modified, so packed copies are refreshed.
            for (int probe = 0; probe < 6; probe++)
            {
                int i = random.NextInt(parameter.Length);
                float original = parameter.Value.Values[i];
                const float step = 1e-2f;
                parameter.Value.Span[i] = original + step;
                double plus = Loss();
                parameter.Value.Span[i] = original - step;
                double minus = Loss();
                parameter.Value.Span[i] = original;
                double numeric = (plus - minus) / (2 * step);
                double analytic = parameter.Gradient.Values[i];
                Assert.True(
                    Math.Abs(numeric - analytic) <= 2e-3 + 0.05 * Math.Abs(numeric),
                    $"{name}[{i}]: backprop {analytic:G5}, finite differences {numeric:G5}");
            }
        }
    }

    /// <summary>
    /// A batch split between the network and its replicas (one shard per thread, or several per thread when there are
    /// more shards than threads) gives the loss and gradients of the whole batch on one network.
    /// </summary>
    [Theory]
    [InlineData(AttentionType.Luong, false, 2)]
    [InlineData(AttentionType.Bahdanau, true, 2)]
    [InlineData(AttentionType.Luong, true, 3)]
    public void DataParallelPassMatchesWholeBatch(AttentionType attention, bool tied, int shards)
    {
        var options = new TranslatorOptions
        {
            Attention = attention, TieEmbeddings = tied, EmbeddingDimension = 6, HiddenSize = tied ? 6 : 8, Dropout = 0f, LabelSmoothing = 0.1f,
        };
        int[][] sources = [[4, 5, 6, 3], [7, 8, 3], [5, 3], [8, 8, 7, 4, 3], [6, 3]];
        int[][] targets = [[4, 5, 6], [6], [5, 4], [4, 4, 6, 5], [6, 6]];
        int[] batch = [3, 0, 1, 4, 2];
        int tokens = targets.Sum(t => t.Length + 1);

        var whole = new Seq2SeqNetwork(options, sourceVocabulary: 9, targetVocabulary: 7, new RandomSource(3));
        whole.Train();
        whole.SyncTiedWeights();
        var pass = new TrainingPass(whole, options.LabelSmoothing);
        double expectedLoss = pass.Forward(PaddedBatch.Create(sources, batch), batch.Select(i => targets[i]).ToArray(), 1f, new RandomSource(0), tokens) / tokens;
        pass.Backward();

        var split = new Seq2SeqNetwork(options, sourceVocabulary: 9, targetVocabulary: 7, new RandomSource(3));
        split.Train();
        split.SyncTiedWeights();
        var parallel = new DataParallelPass(split, options.LabelSmoothing, new RandomSource(0), shards);
        float loss = parallel.Run(new TrainingCorpus(sources, targets), batch, 1f);

        Assert.Equal(expectedLoss, loss, 1e-5);
        foreach (var ((name, expected), (_, actual)) in whole.TrainableParameters.Select(p => (p.ToString(), p)).Zip(split.TrainableParameters.Select(p => (p.ToString(), p))))
        {
            for (int i = 0; i < expected.Length; i++)
            {
                float e = expected.Gradient.Values[i], a = actual.Gradient.Values[i];
                Assert.True(Math.Abs(e - a) <= 1e-6f + 1e-4f * Math.Abs(e), $"{name}[{i}]: split {a:G6}, whole batch {e:G6}");
            }
        }
    }
}
