using Microsoft.ML.Data;
using Microsoft.ML.Recurrent.Tests.Conformance;

namespace Microsoft.ML.Recurrent.Tests.Components;

/// <summary>The shared ML.NET plumbing, exercised through a test estimator backed by a real LSTM.</summary>
public class SequenceEncoderTests
{
    private sealed class Row
    {
        [VectorType(6)]
        public float[] Sequence { get; set; } = [];

        public float Weight { get; set; }
    }

    private sealed class Encoded
    {
        [VectorType(8)]
        public float[] Encoding { get; set; } = [];

        [VectorType(8)]
        public float[] EncodingCopy { get; set; } = [];
    }

    private sealed class WrongRow
    {
        public string Sequence { get; set; } = string.Empty;

        public float Weight { get; set; }
    }

    private static IDataView Data(MLContext ml, int rows = 40) => ml.Data.LoadFromEnumerable(
        Enumerable.Range(0, rows).Select(i => new Row { Sequence = Enumerable.Range(0, 6).Select(t => MathF.Sin(i + t)).ToArray(), Weight = i }));

    [Fact]
    public void PassesTheEstimatorWorkoutInsideAnMlNetPipeline()
    {
        var ml = new MLContext(seed: 1);
        var pipeline = ml.Transforms.NormalizeMinMax("Weight")
            .Append(new SequenceEncoderEstimator("Encoding", "Sequence", hiddenSize: 8, seed: 3))
            .Append(ml.Transforms.CopyColumns("EncodingCopy", "Encoding"));
        var invalid = ml.Data.LoadFromEnumerable(new[] { new WrongRow { Sequence = "x" } });
        EstimatorConformance.Check(ml, pipeline, Data(ml), invalid, "Sequence", Predict);
    }

    [Fact]
    public void MissingColumnErrorListsTheAvailableColumns()
    {
        var ml = new MLContext(seed: 1);
        var estimator = new SequenceEncoderEstimator("Encoding", "Series", 8, 3);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(Data(ml)));
        Assert.Contains("Column 'Series' (sequence input) was not found", error.Message);
        Assert.Contains("'Sequence', 'Weight'", error.Message);
    }

    [Fact]
    public void ParallelCursorsComputeTheSameValuesAsOneCursor()
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml, rows: 200);
        var transformed = new SequenceEncoderEstimator("Encoding", "Sequence", 8, 3).Fit(data).Transform(data);
        var expected = EstimatorConformance.ReadAll(transformed);
        var column = transformed.Schema["Encoding"];
        var cursors = transformed.GetRowCursorSet([column], 4);
        var fromSet = new List<float[]>();
        foreach (var cursor in cursors)
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> value = default;
            while (cursor.MoveNext())
            {
                getter(ref value);
                fromSet.Add(value.DenseValues().ToArray());
            }
        }

        Assert.Equal(expected.Count, fromSet.Count);
        var sorted = expected.Select(r => (float[])r[^1]).OrderBy(v => v[0]).ToList();
        Assert.Equal(sorted, fromSet.OrderBy(v => v[0]).ToList());
    }

    private static IReadOnlyList<object[]> Predict(ITransformer model, IDataView data)
    {
        var ml = new MLContext();
        var engine = ml.Model.CreatePredictionEngine<Row, Encoded>(model);
        return ml.Data.CreateEnumerable<Row>(data, reuseRowObject: false)
            .Select(row => engine.Predict(row))
            .Select(prediction => new object[] { prediction.Encoding, prediction.EncodingCopy })
            .ToList();
    }
}
