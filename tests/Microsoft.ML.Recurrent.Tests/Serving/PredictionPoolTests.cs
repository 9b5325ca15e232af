using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML.Data;
using Microsoft.ML.Recurrent.Serving;
using Microsoft.ML.Recurrent.Tests.Components;

namespace Microsoft.ML.Recurrent.Tests.Serving;

public class PredictionPoolTests
{
    public sealed class Row
    {
        [VectorType(6)]
        public float[] Sequence { get; set; } = [];
    }

    public sealed class Encoded
    {
        [VectorType(8)]
        public float[] Encoding { get; set; } = [];
    }

    private static (MLContext Ml, ITransformer Model, IDataView Data) Fitted()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 64).Select(i => new Row { Sequence = Enumerable.Range(0, 6).Select(t => MathF.Cos(0.3f * i + t)).ToArray() }));
        return (ml, new SequenceEncoderEstimator("Encoding", "Sequence", 8, 5).Fit(data), data);
    }

    private static Row Example(int i) => new() { Sequence = Enumerable.Range(0, 6).Select(t => MathF.Sin(0.01f * i + t)).ToArray() };

    [Fact]
    public void EightThreadsMakingTwentyThousandPredictionsEachAgreeWithOneThread()
    {
        var (ml, model, _) = Fitted();
        const int distinct = 256;
        var reference = ml.Model.CreatePredictionEngine<Row, Encoded>(model);
        var expected = Enumerable.Range(0, distinct).Select(i => reference.Predict(Example(i)).Encoding).ToArray();
        var examples = Enumerable.Range(0, distinct).Select(Example).ToArray();
        var pool = new RecurrentPredictionEnginePool<Row, Encoded>(ml, model);
        int mismatches = 0;
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (int n = 0; n < 20_000; n++)
            {
                int i = (t * 7919 + n) % distinct;
                if (!pool.Predict(examples[i]).Encoding.AsSpan().SequenceEqual(expected[i]))
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void ServiceCollectionRegistersAPoolFromAFileOrAStream()
    {
        var (ml, model, data) = Fitted();
        string path = Path.Combine(Path.GetTempPath(), $"pool-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, path);
            byte[] bytes = File.ReadAllBytes(path);
            var expected = ml.Model.CreatePredictionEngine<Row, Encoded>(model).Predict(Example(3)).Encoding;

            using var fromFile = new ServiceCollection().AddRecurrentPredictionEnginePool<Row, Encoded>(path).BuildServiceProvider();
            var filePool = fromFile.GetRequiredService<RecurrentPredictionEnginePool<Row, Encoded>>();
            Assert.Same(filePool, fromFile.GetRequiredService<RecurrentPredictionEnginePool<Row, Encoded>>());
            Assert.Equal(expected, filePool.Predict(Example(3)).Encoding);

            using var fromStream = new ServiceCollection()
                .AddSingleton(new MLContext(seed: 9))
                .AddRecurrentPredictionEnginePool<Row, Encoded>(_ => new MemoryStream(bytes))
                .BuildServiceProvider();
            Assert.Equal(expected, fromStream.GetRequiredService<RecurrentPredictionEnginePool<Row, Encoded>>().Predict(Example(3)).Encoding);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
