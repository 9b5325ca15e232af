namespace Microsoft.ML.Recurrent.Engine.Onnx;

/// <summary>One-line helpers for the ONNX operators the exporters use (opset 17 signatures).</summary>
internal sealed partial class OnnxGraph
{
    public string Add(string a, string b) => Node("Add", [a, b]);

    public string Sub(string a, string b) => Node("Sub", [a, b]);

    public string Mul(string a, string b) => Node("Mul", [a, b]);

    public string Div(string a, string b) => Node("Div", [a, b]);

    public string MatMul(string a, string b) => Node("MatMul", [a, b]);

    public string Max(string a, string b) => Node("Max", [a, b]);

    public string Greater(string a, string b) => Node("Greater", [a, b]);

    public string Abs(string x) => Node("Abs", [x]);

    public string Sqrt(string x) => Node("Sqrt", [x]);

    public string Tanh(string x) => Node("Tanh", [x]);

    public string Exp(string x) => Node("Exp", [x]);

    public string Log(string x) => Node("Log", [x]);

    public string Not(string x) => Node("Not", [x]);

    public string IsNaN(string x) => Node("IsNaN", [x]);

    public string Less(string a, string b) => Node("Less", [a, b]);

    public string Where(string condition, string a, string b) => Node("Where", [condition, a, b]);

    public string Softmax(string x, int axis = -1) => Node("Softmax", [x], OnnxAttribute.Int("axis", axis));

    public string LogSoftmax(string x, int axis = -1) => Node("LogSoftmax", [x], OnnxAttribute.Int("axis", axis));

    public string Cast(string x, OnnxElementType to) => Node("Cast", [x], OnnxAttribute.Int("to", (int)to));

    public string Transpose(string x, params long[] permutation) => Node("Transpose", [x], OnnxAttribute.Ints("perm", permutation));

    public string Reshape(string x, params long[] shape) => Node("Reshape", [x, Int64s(shape)]);

    public string Squeeze(string x, params long[] axes) => Node("Squeeze", [x, Int64s(axes)]);

    public string Unsqueeze(string x, params long[] axes) => Node("Unsqueeze", [x, Int64s(axes)]);

    public string Concat(int axis, params string[] values) =>
        values.Length == 1 ? values[0] : Node("Concat", values, OnnxAttribute.Int("axis", axis));

    /// <summary>Elements [start, end) of <paramref name="x"/> along <paramref name="axis"/>.</summary>
    public string Slice(string x, long start, long end, long axis) => Node("Slice", [x, Int64s(start), Int64s(end), Int64s(axis)]);

    /// <summary>Rows <paramref name="indices"/> of <paramref name="table"/> (axis 0).</summary>
    public string Gather(string table, string indices, int axis = 0) => Node("Gather", [table, indices], OnnxAttribute.Int("axis", axis));

    public string ReduceSum(string x, bool keepDims, params long[] axes) =>
        Node("ReduceSum", [x, Int64s(axes)], OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    public string ReduceMax(string x, bool keepDims, params long[] axes) =>
        Node("ReduceMax", [x], OnnxAttribute.Ints("axes", axes), OnnxAttribute.Int("keepdims", keepDims ? 1 : 0));

    /// <summary>Size of dimension <paramref name="axis"/> of <paramref name="x"/>, as a 1-D int64 tensor of one element.</summary>
    public string Dim(string x, long axis) => Node("Shape", [x], OnnxAttribute.Int("start", axis), OnnxAttribute.Int("end", axis + 1));

    /// <summary>
    /// A [batch, steps] Boolean mask that is true at the valid positions of sequences of int64 <paramref name="lengths"/>
    /// [batch], for <paramref name="steps"/> = a 1-element int64 tensor.
    /// </summary>
    public string LengthMask(string lengths, string steps)
    {
        var positions = Node("Range", [Int64sScalar(0), Squeeze(steps, 0), Int64sScalar(1)]);
        return Less(Unsqueeze(positions, 0), Unsqueeze(lengths, 1));
    }

    /// <summary>Adds a scalar int64 initializer.</summary>
    public string Int64sScalar(long value) => Constant("i64", [value]);
}
