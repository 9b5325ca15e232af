using Microsoft.ML.Recurrent.Engine.Layers;
using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Text.Batching;

namespace Microsoft.ML.Recurrent.Text.Tests.Batching;

public class PaddedBatchTests
{
    private static readonly int[][] Sequences = [[5, 6, 7], [8], [9, 10]];

    [Fact]
    public void LaysOutIdsTimeMajorWithPadding()
    {
        var batch = PaddedBatch.Create(Sequences);
        Assert.Equal(3, batch.Steps);
        Assert.Equal(3, batch.BatchSize);
        Assert.Equal([3, 1, 2], batch.Lengths);
        Assert.Equal(
            [
                5, 8, 9,
                6, 0, 10,
                7, 0, 0,
            ],
            batch.Ids);
    }

    [Fact]
    public void TakesTheChosenIndicesInOrderWithACustomPadId()
    {
        var batch = PaddedBatch.Create(Sequences, [2, 1], padId: -1);
        Assert.Equal([2, 1], batch.Indices);
        Assert.Equal([2, 1], batch.Lengths);
        Assert.Equal([9, 8, 10, -1], batch.Ids);
    }

    [Fact]
    public void FeedsTheEngineEmbeddingAndRecurrentLayer()
    {
        var batch = PaddedBatch.Create(Sequences);
        var embedding = new Embedding(11, 4, new RandomSource(1), paddingIndex: 0);
        var gru = new Gru(4, 3, random: new RandomSource(2));
        var embedded = embedding.Forward(batch.Ids, batch.Steps, batch.BatchSize);
        Assert.Equal([3, 3, 4], embedded.Shape.ToArray());
        var output = gru.Forward(embedded, batch.Lengths);
        Assert.Equal(3, output.Output.Dim(0));
    }

    [Fact]
    public void EmptySequencesAndBadIndicesAreRejectedClearly()
    {
        var empty = Assert.Throws<ArgumentException>(() => PaddedBatch.Create([[1], []]));
        Assert.Contains("index 1", empty.Message);
        var outside = Assert.Throws<ArgumentException>(() => PaddedBatch.Create(Sequences, [0, 3]));
        Assert.Contains("[0, 3)", outside.Message);
        Assert.Throws<ArgumentException>(() => PaddedBatch.Create(Sequences, []));
    }
}
