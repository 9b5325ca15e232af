using System.Runtime.InteropServices;
using Microsoft.ML.Recurrent.Engine.Persistence;

namespace Microsoft.ML.Recurrent.Engine.Onnx;

/// <summary>
/// Builds an ONNX model (opset <see cref="Opset"/>) node by node and writes it in ONNX's protobuf format, without an
/// ONNX library: inputs and outputs with named dimensions, weights as initializers, nodes with attributes. Value names
/// are generated unless given; each method returns the name of the value it produced. The operator helpers are in
/// <c>OnnxGraph.Operators.cs</c>.
/// </summary>
internal sealed partial class OnnxGraph
{
    /// <summary>The default-domain operator set the graphs use.</summary>
    public const int Opset = 17;

    /// <summary>ONNX IR version 8, the one that goes with opset 17.</summary>
    private const int IrVersion = 8;

    private readonly List<ProtoWriter> nodes = [];
    private readonly List<ProtoWriter> initializers = [];
    private readonly List<ProtoWriter> inputs = [];
    private readonly List<ProtoWriter> outputs = [];
    private readonly Dictionary<string, string> metadata = [];
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private int counter;

    /// <summary>Creates an empty graph named <paramref name="name"/>, with <paramref name="description"/> as the model's doc string.</summary>
    public OnnxGraph(string name, string description)
    {
        Name = name;
        Description = description;
    }

    public string Name { get; }

    public string Description { get; }

    /// <summary>Adds a graph input.</summary>
    public string Input(string name, OnnxElementType type, params OnnxDim[] shape)
    {
        Claim(name);
        inputs.Add(ValueInfo(name, type, shape));
        return name;
    }

    /// <summary>Makes <paramref name="value"/> a graph output called <paramref name="name"/>.</summary>
    public void Output(string name, string value, OnnxElementType type, params OnnxDim[] shape)
    {
        if (name != value)
        {
            Claim(name);
            AddNode("Identity", [value], [name], []);
        }

        outputs.Add(ValueInfo(name, type, shape));
    }

    /// <summary>Adds a key-value pair to the model's metadata (visible to ONNX Runtime's ModelMetadata.CustomMetadataMap).</summary>
    public void Metadata(string key, string value) => metadata[key] = value;

    /// <summary>Adds a float initializer of shape <paramref name="dims"/>.</summary>
    public string Constant(string hint, ReadOnlySpan<float> values, params long[] dims) =>
        Initializer(hint, OnnxElementType.Float, MemoryMarshal.AsBytes(values), dims, values.Length);

    /// <summary>Adds an int64 initializer of shape <paramref name="dims"/>.</summary>
    public string Constant(string hint, ReadOnlySpan<long> values, params long[] dims) =>
        Initializer(hint, OnnxElementType.Int64, MemoryMarshal.AsBytes(values), dims, values.Length);

    /// <summary>Adds a float64 initializer of shape <paramref name="dims"/>.</summary>
    public string Constant(string hint, ReadOnlySpan<double> values, params long[] dims) =>
        Initializer(hint, OnnxElementType.Double, MemoryMarshal.AsBytes(values), dims, values.Length);

    /// <summary>Adds a 1-D int64 initializer (shapes, axes, indices).</summary>
    public string Int64s(params long[] values) => Constant("i64", values, values.Length);

    /// <summary>Adds a scalar float initializer.</summary>
    public string Scalar(float value) => Constant("f32", [value]);

    /// <summary>Adds a scalar float64 initializer.</summary>
    public string ScalarDouble(double value) => Constant("f64", [value]);

    /// <summary>Adds a node with one output; returns the output's name.</summary>
    public string Node(string op, string[] nodeInputs, params OnnxAttribute[] attributes) => Node(op, nodeInputs, 1, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputCount"/> outputs; returns their names.</summary>
    public string[] Node(string op, string[] nodeInputs, int outputCount, params OnnxAttribute[] attributes)
    {
        var nodeOutputs = new string[outputCount];
        for (int i = 0; i < outputCount; i++)
        {
            nodeOutputs[i] = Fresh(op);
        }

        AddNode(op, nodeInputs, nodeOutputs, attributes);
        return nodeOutputs;
    }

    /// <summary>Writes the model to <paramref name="path"/> atomically (see <see cref="ModelPath.WriteAtomically"/>).</summary>
    public void Save(string path) => ModelPath.WriteAtomically(path, stream => stream.Write(Encode()));

    /// <summary>The model as ONNX protobuf bytes (onnx.proto's <c>ModelProto</c>).</summary>
    public byte[] Encode()
    {
        var graph = new ProtoWriter();
        foreach (var node in nodes)
        {
            graph.Message(1, node);
        }

        graph.String(2, Name);
        foreach (var initializer in initializers)
        {
            graph.Message(5, initializer);
        }

        foreach (var input in inputs)
        {
            graph.Message(11, input);
        }

        foreach (var output in outputs)
        {
            graph.Message(12, output);
        }

        var model = new ProtoWriter()
            .Int(1, IrVersion)
            .String(2, "Microsoft.ML.Recurrent")
            .String(3, typeof(OnnxGraph).Assembly.GetName().Version?.ToString() ?? "0")
            .String(6, Description)
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, string.Empty).Int(2, Opset));
        foreach (var (key, value) in metadata)
        {
            model.Message(14, new ProtoWriter().String(1, key).String(2, value));
        }

        return model.Written.ToArray();
    }

    private string Initializer(string hint, OnnxElementType type, ReadOnlySpan<byte> bytes, long[] dims, int count)
    {
        long expected = dims.Aggregate(1L, (a, b) => a * b);
        if (expected != count)
        {
            throw new ArgumentException($"Initializer '{hint}' has {count} values, but its shape holds {expected}.", nameof(dims));
        }

        string name = Fresh(hint);
        var tensor = new ProtoWriter().PackedInts(1, dims).Int(2, (int)type).String(8, name);
        if (BitConverter.IsLittleEndian)
        {
            tensor.Bytes(9, bytes);
        }
        else
        {
            throw new PlatformNotSupportedException("ONNX export writes little-endian tensors and needs a little-endian machine.");
        }

        initializers.Add(tensor);
        return name;
    }

    private void AddNode(string op, string[] nodeInputs, string[] nodeOutputs, OnnxAttribute[] attributes)
    {
        var node = new ProtoWriter();
        foreach (string input in nodeInputs)
        {
            node.String(1, input);
        }

        foreach (string output in nodeOutputs)
        {
            node.String(2, output);
        }

        node.String(3, nodeOutputs[0]).String(4, op);
        foreach (var attribute in attributes)
        {
            node.Message(5, attribute.Encode());
        }

        nodes.Add(node);
    }

    private static ProtoWriter ValueInfo(string name, OnnxElementType type, OnnxDim[] shape)
    {
        var dims = new ProtoWriter();
        foreach (var dim in shape)
        {
            dims.Message(1, dim.Encode());
        }

        var tensorType = new ProtoWriter().Int(1, (int)type).Message(2, dims);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }

    private string Fresh(string hint)
    {
        string name;
        do
        {
            name = $"{hint}_{counter++}";
        }
        while (!names.Add(name));

        return name;
    }

    private void Claim(string name)
    {
        if (!names.Add(name))
        {
            throw new ArgumentException($"The graph already has a value named '{name}'.", nameof(name));
        }
    }
}
