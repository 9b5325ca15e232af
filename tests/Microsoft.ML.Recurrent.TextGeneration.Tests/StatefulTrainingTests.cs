using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.TextGeneration.Tests;

public class StatefulTrainingTests
{
    [Fact]
    public void EachStreamContinuesInTheNextWindowWhereItStopped()
    {
        int[] ids = Enumerable.Range(0, 1000).ToArray();
        var streams = new TrainingStreams(ids, batch: 3, steps: 7);
        var random = new RandomSource(1);
        foreach (int epoch in new[] { 0, 1, 2 })
        {
            streams.StartEpoch(epoch, random);
            var inputs = new int[21];
            var labels = new int[21];
            var previous = new int[21];
            for (int window = 0; window < streams.WindowsPerEpoch; window++)
            {
                streams.Fill(window, inputs, labels);
                for (int b = 0; b < 3; b++)
                {
                    for (int t = 0; t < 7; t++)
                    {
                        Assert.Equal(inputs[t * 3 + b] + 1, labels[t * 3 + b]); // the label is the next character
                    }

                    if (window > 0)
                    {
                        Assert.Equal(previous[6 * 3 + b], inputs[b]); // the window starts where the stream's last one ended
                    }
                }

                labels.CopyTo(previous, 0);
            }
        }
    }

    [Fact]
    public void ChunkedPassesWithTheCarriedStateEqualOneLongPass()
    {
        var options = new CharLanguageModelOptions { HiddenSize = 24, NumLayers = 2, EmbeddingSize = 8 };
        var network = new CharNetwork(12, options, new RandomSource(3));
        network.Eval();
        int[] ids = Enumerable.Range(0, 90).Select(i => 4 + (i * 7 % 8)).ToArray();
        var whole = network.Logits(ids, 90, 1, network.NewState(1)).Values.ToArray();
        var state = network.NewState(1);
        var chunked = new List<float>();
        foreach (int start in new[] { 0, 10, 41, 77 })
        {
            int end = start switch { 0 => 10, 10 => 41, 41 => 77, _ => 90 };
            chunked.AddRange(network.Logits(ids.AsSpan(start, end - start), end - start, 1, state).Values.ToArray());
        }

        Assert.Equal(whole.Length, chunked.Count);
        for (int i = 0; i < whole.Length; i++)
        {
            Assert.Equal(whole[i], chunked[i], 4);
        }
    }
}
