namespace Microsoft.ML.Recurrent.Engine.Onnx;

/// <summary>One dimension of a graph input or output: a fixed size, or a named size chosen by the caller (for example "batch").</summary>
internal readonly record struct OnnxDim(long Size, string? Name)
{
    public static implicit operator OnnxDim(int size) => new(size, null);

    public static implicit operator OnnxDim(string name) => new(0, name);

    /// <summary>Encodes the dimension (onnx.proto's <c>TensorShapeProto.Dimension</c>).</summary>
    public ProtoWriter Encode() => Name is null ? new ProtoWriter().Int(1, Size) : new ProtoWriter().String(2, Name);
}
