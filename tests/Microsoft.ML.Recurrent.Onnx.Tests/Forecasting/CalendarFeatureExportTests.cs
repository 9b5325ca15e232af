using Microsoft.ML.Recurrent.Engine.Onnx;
using Microsoft.ML.Recurrent.Forecasting;

namespace Microsoft.ML.Recurrent.Onnx.Tests.Forecasting;

/// <summary>The graph form of the calendar features equals <c>CalendarFeatures.Write</c> across leap years, century years, month ends and hours.</summary>
public sealed class CalendarFeatureExportTests
{
    public static TheoryData<string> Steps => new() { "months:1", "months:3", "ticks:" + TimeSpan.TicksPerHour, "ticks:" + TimeSpan.TicksPerDay, "ticks:" + 7 * TimeSpan.TicksPerDay };

    [Theory]
    [MemberData(nameof(Steps))]
    public void GraphFeaturesEqualTheEngines(string serializedStep)
    {
        var step = TimeStep.Deserialize(serializedStep);
        const int rows = 800;
        DateTime[] starts = [new(1899, 12, 31, 23, 0, 0), new(1999, 12, 31), new(2000, 2, 28, 22, 0, 0), new(2023, 1, 31), new(2024, 2, 29, 13, 0, 0), new(2100, 2, 27)];
        var graph = new OnnxGraph("calendar", "test");
        var start = graph.Input("start_time", OnnxElementType.Int64, "batch");
        int width = CalendarFeatures.Count(step);
        graph.Output("features", CalendarFeatures.ExportOnnx(graph, start, step, rows), OnnxElementType.Float, "batch", rows, width);
        using var runner = new OnnxRunner(graph.Encode());
        var actual = runner.Run(("start_time", starts.Select(s => s.Ticks).ToArray(), [starts.Length]))["features"];

        var expected = new float[width];
        float max = 0;
        for (int b = 0; b < starts.Length; b++)
        {
            for (int r = 0; r < rows; r++)
            {
                CalendarFeatures.Write(step.Advance(starts[b], r), step, expected);
                max = Math.Max(max, Tolerance.MaxDifference(expected, actual.AsSpan((b * rows + r) * width, width)));
            }
        }

        Assert.True(max < 1e-6f, $"max |difference| {max}");
    }
}
