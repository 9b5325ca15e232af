using Microsoft.ML.Recurrent.Engine.Attention;
using Microsoft.ML.Recurrent.Engine.Layers;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Recurrent;

namespace Microsoft.ML.Recurrent.Engine.Onnx;

/// <summary>
/// ONNX nodes for the engine's evaluation-mode layers, with their current weights as initializers: dense layers,
/// embeddings, recurrent layers (ONNX's LSTM, GRU and RNN operators) and attention. Dropout is the identity at inference
/// and emits nothing.
/// </summary>
internal static class OnnxModules
{
    /// <summary>ONNX's LSTM gates i, o, f, c taken from PyTorch's i, f, g, o.</summary>
    private static readonly int[] LstmGates = [0, 3, 1, 2];

    /// <summary>ONNX's GRU gates z, r, h taken from PyTorch's r, z, n.</summary>
    private static readonly int[] GruGates = [1, 0, 2];

    private static readonly int[] RnnGates = [0];

    /// <summary>y = x·Wᵀ + b over the last axis of <paramref name="input"/>.</summary>
    public static string Dense(this OnnxGraph graph, Dense layer, string input)
    {
        var product = graph.MatMul(input, graph.Constant(layer.Name + "_weight_t", Transposed(layer.Weight), layer.InFeatures, layer.OutFeatures));
        return layer.Bias is null ? product : graph.Add(product, graph.Constant(layer.Name + "_bias", layer.Bias.Value.Values, layer.OutFeatures));
    }

    /// <summary>The embedding rows of int64 <paramref name="ids"/> (any shape); appends the embedding axis.</summary>
    public static string Embedding(this OnnxGraph graph, Embedding layer, string ids) =>
        graph.Gather(graph.Constant(layer.Name + "_weight", layer.Weight.Value.Values, layer.NumEmbeddings, layer.EmbeddingDim), ids);

    /// <summary>
    /// Runs <paramref name="layer"/> over time-major <paramref name="input"/> [steps, batch, InputSize] with one ONNX
    /// LSTM/GRU/RNN node per stacked layer (both directions in one node).
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="layer">The layer, whose current weights are exported.</param>
    /// <param name="input">The input sequence.</param>
    /// <param name="lengths">Int32 valid lengths [batch] (ONNX's sequence_lens), or null when every sequence is full length.</param>
    /// <param name="initialHidden">Initial hidden state [layers·directions, batch, hidden], or null for zeros.</param>
    /// <param name="initialCell">Initial LSTM cell, same shape, or null for zeros.</param>
    public static OnnxRecurrent Recurrent(this OnnxGraph graph, RecurrentLayer layer, string input, string? lengths, string? initialHidden = null, string? initialCell = null)
    {
        var (op, gates) = layer.Cell switch
        {
            LstmCellKernel => ("LSTM", LstmGates),
            GruCellKernel => ("GRU", GruGates),
            _ => ("RNN", RnnGates),
        };
        int directions = layer.NumDirections, h = layer.HiddenSize;
        var attributes = new List<OnnxAttribute>
        {
            OnnxAttribute.Int("hidden_size", h),
            OnnxAttribute.String("direction", directions == 2 ? "bidirectional" : "forward"),
        };
        if (op == "GRU")
        {
            attributes.Add(OnnxAttribute.Int("linear_before_reset", 1)); // PyTorch applies the reset gate after W_hn·h + b_hn
        }
        else if (op == "RNN")
        {
            string activation = ((SimpleRnn)layer).Nonlinearity == RnnNonlinearity.Relu ? "Relu" : "Tanh";
            attributes.Add(OnnxAttribute.Strings("activations", Enumerable.Repeat(activation, directions).ToArray()));
        }

        string sequence = input;
        var finalHidden = new string[layer.NumLayers];
        var finalCell = new string[layer.NumLayers];
        string lastHidden = string.Empty;
        for (int l = 0; l < layer.NumLayers; l++)
        {
            var units = Enumerable.Range(0, directions).Select(d => layer.Unit(l, d)).ToArray();
            int inputSize = units[0].InputSize;
            string prefix = $"{layer.Name}_l{l}";
            var nodeInputs = new List<string>
            {
                sequence,
                graph.Constant(prefix + "_W", Stack(units, u => u.InputWeight, gates, h), directions, gates.Length * h, inputSize),
                graph.Constant(prefix + "_R", Stack(units, u => u.RecurrentWeight, gates, h), directions, gates.Length * h, h),
                graph.Constant(prefix + "_B", Biases(units, gates, h), directions, 2 * gates.Length * h),
                lengths ?? string.Empty,
                initialHidden is null ? string.Empty : graph.Slice(initialHidden, l * directions, (l + 1) * directions, 0),
            };
            if (op == "LSTM")
            {
                nodeInputs.Add(initialCell is null ? string.Empty : graph.Slice(initialCell, l * directions, (l + 1) * directions, 0));
            }

            while (nodeInputs[^1].Length == 0)
            {
                nodeInputs.RemoveAt(nodeInputs.Count - 1);
            }

            var outputs = graph.Node(op, nodeInputs.ToArray(), op == "LSTM" ? 3 : 2, attributes.ToArray());
            sequence = MergeDirections(graph, layer, outputs[0], sequenceAxis: true);
            finalHidden[l] = outputs[1];
            lastHidden = outputs[1];
            if (op == "LSTM")
            {
                finalCell[l] = outputs[2];
            }
        }

        return new OnnxRecurrent(
            sequence,
            MergeDirections(graph, layer, lastHidden, sequenceAxis: false),
            graph.Concat(0, finalHidden),
            op == "LSTM" ? graph.Concat(0, finalCell) : null);
    }

    /// <summary>
    /// Attention of <paramref name="query"/> [batch or 1, QuerySize] over time-major <paramref name="memory"/>
    /// [steps, batch, MemorySize]: returns the context [batch, MemorySize] and the weights [batch, steps].
    /// </summary>
    /// <param name="graph">The graph.</param>
    /// <param name="attention">The attention layer.</param>
    /// <param name="query">The query; a single row is broadcast over the batch.</param>
    /// <param name="memory">The memory.</param>
    /// <param name="keys">Additive scores only: the projected memory from <see cref="AttentionKeys"/>.</param>
    /// <param name="mask">Boolean [batch, steps], true at valid positions.</param>
    public static (string Context, string Weights) Attention(this OnnxGraph graph, Attention.Attention attention, string query, string memory, string? keys, string mask)
    {
        string batchMajor = graph.Transpose(memory, 1, 0, 2); // [batch, steps, memory]
        string scores;
        if (attention.Score == AttentionScore.Additive)
        {
            var projected = graph.Add(
                graph.MatMul(query, graph.Constant(attention.Name + "_query_weight_t", Transposed(attention.QueryWeight!), attention.QuerySize, attention.AttentionSize)),
                graph.Constant(attention.Name + "_bias", attention.Bias!.Value.Values, attention.AttentionSize));
            var activations = graph.Tanh(graph.Add(graph.Transpose(keys!, 1, 0, 2), graph.Unsqueeze(projected, 1)));
            var v = graph.Constant(attention.Name + "_score_weight", attention.ScoreWeight!.Value.Values, attention.AttentionSize, 1);
            scores = graph.Squeeze(graph.MatMul(activations, v), 2);
        }
        else
        {
            var projected = attention.Score == AttentionScore.General
                ? graph.MatMul(query, graph.Constant(attention.Name + "_weight", attention.QueryWeight!.Value.Values, attention.QuerySize, attention.MemorySize))
                : query;
            scores = graph.Squeeze(graph.MatMul(batchMajor, graph.Unsqueeze(projected, 2)), 2);
        }

        // Padded positions get -1e30 (exp underflows to exactly 0), as the engine leaves them out of the softmax.
        var weights = graph.Softmax(graph.Where(mask, scores, graph.Scalar(-1e30f)), axis: 1);
        var context = graph.Squeeze(graph.MatMul(graph.Unsqueeze(weights, 1), batchMajor), 1);
        return (context, weights);
    }

    /// <summary>The projected memory [steps, batch, AttentionSize] of an additive attention layer (its keys), computed once per source.</summary>
    public static string AttentionKeys(this OnnxGraph graph, Attention.Attention attention, string memory) =>
        graph.MatMul(memory, graph.Constant(attention.Name + "_key_weight_t", Transposed(attention.KeyWeight!), attention.MemorySize, attention.AttentionSize));

    /// <summary>The ONNX output Y [steps, directions, batch, hidden] (or Y_h [directions, batch, hidden]) merged as the layer merges directions.</summary>
    private static string MergeDirections(OnnxGraph graph, RecurrentLayer layer, string value, bool sequenceAxis)
    {
        int axis = sequenceAxis ? 1 : 0;
        if (layer.NumDirections == 1)
        {
            return graph.Squeeze(value, axis);
        }

        if (layer.Merge == BidirectionalMerge.Sum)
        {
            return graph.ReduceSum(value, false, axis);
        }

        return sequenceAxis
            ? graph.Reshape(graph.Transpose(value, 0, 2, 1, 3), 0, 0, -1)
            : graph.Reshape(graph.Transpose(value, 1, 0, 2), 0, -1);
    }

    /// <summary>The directions' weights [directions, gates·hidden, columns] with the gate blocks in ONNX's order.</summary>
    private static float[] Stack(RecurrentDirection[] units, Func<RecurrentDirection, Parameter> weight, int[] gates, int h)
    {
        int columns = weight(units[0]).Value.Dim(1), block = h * columns;
        var result = new float[units.Length * gates.Length * block];
        for (int d = 0; d < units.Length; d++)
        {
            var source = weight(units[d]).Value.Values;
            for (int g = 0; g < gates.Length; g++)
            {
                source.Slice(gates[g] * block, block).CopyTo(result.AsSpan((d * gates.Length + g) * block, block));
            }
        }

        return result;
    }

    /// <summary>ONNX's B [directions, 2·gates·hidden]: the input biases (Wb) then the recurrent biases (Rb), gates reordered.</summary>
    private static float[] Biases(RecurrentDirection[] units, int[] gates, int h)
    {
        int width = gates.Length * h;
        var result = new float[units.Length * 2 * width];
        for (int d = 0; d < units.Length; d++)
        {
            for (int g = 0; g < gates.Length; g++)
            {
                units[d].InputBias.Value.Values.Slice(gates[g] * h, h).CopyTo(result.AsSpan(d * 2 * width + g * h, h));
                units[d].RecurrentBias.Value.Values.Slice(gates[g] * h, h).CopyTo(result.AsSpan(d * 2 * width + width + g * h, h));
            }
        }

        return result;
    }

    /// <summary>The transpose of a [rows, columns] weight, for x·Wᵀ as one MatMul.</summary>
    private static float[] Transposed(Parameter weight)
    {
        int rows = weight.Value.Dim(0), columns = weight.Value.Dim(1);
        var source = weight.Value.Values;
        var result = new float[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                result[c * rows + r] = source[r * columns + c];
            }
        }

        return result;
    }
}
