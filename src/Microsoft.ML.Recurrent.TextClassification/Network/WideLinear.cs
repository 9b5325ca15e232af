using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Onnx;
using Microsoft.ML.Recurrent.TextClassification.Input;

namespace Microsoft.ML.Recurrent.TextClassification.Network;

/// <summary>
/// The wide part of a wide-and-deep classifier: a linear map of the extra features straight to the class logits, added
/// to the deep part's logits. This equals joining the features to the pooled vector before the output layer, but
/// touches only each row's non-zeros. Parameter <c>weight</c> [features, classes] starts at zero and is applied as
/// <see cref="Scale"/>·W·x: under Adam, whose steps do not depend on the gradient's size, that is a
/// <see cref="Scale"/>-times larger learning rate for the wide part, which sees each sparse feature in few batches and
/// would otherwise lag behind the deep part. Evaluation-mode calls are thread safe.
/// </summary>
internal sealed class WideLinear : Module
{
    /// <summary>Multiplier of the wide logits (the wide part's relative learning rate under Adam).</summary>
    internal const float Scale = 10f;

    private readonly Tape<Frame> tape = new();

    public WideLinear(int features, int classes)
        : base("wide")
    {
        Features = features;
        Classes = classes;
        Weight = AddParameter("weight", features, classes);
    }

    public int Features { get; }

    public int Classes { get; }

    public Parameter Weight { get; }

    /// <summary>Adds <see cref="Scale"/>·W·x of rows <paramref name="rows"/> of <paramref name="features"/> to the logits [batch, classes], row by row.</summary>
    public void AddTo(Span<float> logits, SparseRows features, ReadOnlySpan<int> rows)
    {
        var weights = Weight.Value.Values;
        for (int b = 0; b < rows.Length; b++)
        {
            var target = logits.Slice(b * Classes, Classes);
            var columns = features.Columns(rows[b]);
            var values = features.Values(rows[b]);
            for (int k = 0; k < columns.Length; k++)
            {
                TensorPrimitives.MultiplyAdd(weights.Slice(columns[k] * Classes, Classes), Scale * values[k], target, target);
            }
        }

        if (Training)
        {
            var frame = tape.Next(training: true);
            frame.Features = features;
            frame.Rows = rows.ToArray();
        }
    }

    /// <summary>Adds <see cref="Scale"/>·W·x of dense <paramref name="features"/> [batch, Features] to a graph; returns the logits [batch, classes].</summary>
    public string ExportOnnx(OnnxGraph graph, string features)
    {
        var scaled = new float[Weight.Length];
        TensorPrimitives.Multiply(Weight.Value.Values, Scale, scaled);
        return graph.MatMul(features, graph.Constant("wide_weight", scaled, Features, Classes));
    }

    /// <summary>Accumulates the weight gradient of the latest training-mode call from the logits' gradient [batch, classes].</summary>
    public void Backward(ReadOnlySpan<float> gradLogits)
    {
        var frame = tape.Pop(Name);
        var gradient = Weight.Gradient.Span;
        for (int b = 0; b < frame.Rows.Length; b++)
        {
            var source = gradLogits.Slice(b * Classes, Classes);
            var columns = frame.Features!.Columns(frame.Rows[b]);
            var values = frame.Features.Values(frame.Rows[b]);
            for (int k = 0; k < columns.Length; k++)
            {
                var target = gradient.Slice(columns[k] * Classes, Classes);
                TensorPrimitives.MultiplyAdd(source, Scale * values[k], target, target);
            }
        }

        frame.Features = null;
    }

    /// <inheritdoc />
    protected override void OnClearTape() => tape.Clear();

    private sealed class Frame
    {
        public SparseRows? Features;
        public int[] Rows = [];
    }
}
