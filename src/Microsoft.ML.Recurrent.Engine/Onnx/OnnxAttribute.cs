namespace Microsoft.ML.Recurrent.Engine.Onnx;

/// <summary>A node attribute (ONNX's <c>AttributeProto</c>): an integer, a float, a string, or a list of integers or strings.</summary>
internal sealed class OnnxAttribute
{
    private OnnxAttribute(string name, int type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }

    /// <summary>ONNX's <c>AttributeType</c>: 1 float, 2 int, 3 string, 7 ints, 8 strings.</summary>
    public int Type { get; }

    private float FloatValue { get; init; }

    private long IntValue { get; init; }

    private string? StringValue { get; init; }

    private long[]? IntValues { get; init; }

    private string[]? StringValues { get; init; }

    public static OnnxAttribute Int(string name, long value) => new(name, 2) { IntValue = value };

    public static OnnxAttribute Float(string name, float value) => new(name, 1) { FloatValue = value };

    public static OnnxAttribute String(string name, string value) => new(name, 3) { StringValue = value };

    public static OnnxAttribute Ints(string name, params long[] values) => new(name, 7) { IntValues = values };

    public static OnnxAttribute Strings(string name, params string[] values) => new(name, 8) { StringValues = values };

    /// <summary>Encodes the attribute (field numbers of onnx.proto's <c>AttributeProto</c>).</summary>
    public ProtoWriter Encode()
    {
        var proto = new ProtoWriter().String(1, Name).Int(20, Type);
        switch (Type)
        {
            case 1:
                proto.Float(2, FloatValue);
                break;
            case 2:
                proto.Int(3, IntValue);
                break;
            case 3:
                proto.String(4, StringValue!);
                break;
            case 7:
                proto.PackedInts(8, IntValues!);
                break;
            default:
                foreach (string value in StringValues!)
                {
                    proto.String(9, value);
                }

                break;
        }

        return proto;
    }
}
