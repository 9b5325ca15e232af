namespace Microsoft.ML.Recurrent.Engine.Onnx;

/// <summary>ONNX tensor element types used by the exported graphs (values of ONNX's <c>TensorProto.DataType</c>).</summary>
internal enum OnnxElementType
{
    /// <summary>32-bit float.</summary>
    Float = 1,

    /// <summary>32-bit signed integer.</summary>
    Int32 = 6,

    /// <summary>64-bit signed integer.</summary>
    Int64 = 7,

    /// <summary>Boolean.</summary>
    Bool = 9,

    /// <summary>64-bit float.</summary>
    Double = 11,
}
