using Microsoft.ML.Recurrent.Engine.Layers;
using Microsoft.ML.Recurrent.Engine.Onnx;
using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Onnx.Tests.Engine;

/// <summary>
/// The engine's recurrent layers exported as ONNX LSTM/GRU/RNN nodes agree with the engine in ONNX Runtime: gate
/// reordering, bias layout, GRU's linear_before_reset, bidirectional merges, stacking, sequence_lens and initial states.
/// </summary>
public sealed class RecurrentLayerExportTests
{
    public static TheoryData<string, bool, int, BidirectionalMerge> Layers => new()
    {
        { "lstm", false, 1, BidirectionalMerge.Concat },
        { "lstm", true, 2, BidirectionalMerge.Concat },
        { "lstm", true, 2, BidirectionalMerge.Sum },
        { "gru", false, 2, BidirectionalMerge.Concat },
        { "gru", true, 1, BidirectionalMerge.Concat },
        { "rnn-tanh", true, 2, BidirectionalMerge.Concat },
        { "rnn-relu", false, 1, BidirectionalMerge.Concat },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void ExportedLayerMatchesTheEngineOnAVariableLengthBatch(string kind, bool bidirectional, int numLayers, BidirectionalMerge merge)
    {
        const int steps = 7, batch = 5, inputSize = 3, hidden = 6;
        var random = new RandomSource(11);
        RecurrentLayer layer = kind switch
        {
            "lstm" => new Lstm(inputSize, hidden, numLayers, bidirectional: bidirectional, random: random, merge: merge),
            "gru" => new Gru(inputSize, hidden, numLayers, bidirectional: bidirectional, random: random, merge: merge),
            _ => new SimpleRnn(inputSize, hidden, numLayers, kind == "rnn-relu" ? RnnNonlinearity.Relu : RnnNonlinearity.Tanh, bidirectional: bidirectional, random: random, merge: merge),
        };
        foreach (var p in layer.Parameters)
        {
            random.FillUniform(p.Value.Span, -0.6f, 0.6f); // non-zero biases everywhere, so a misplaced block shows
        }

        layer.Eval();
        int units = numLayers * layer.NumDirections;
        var input = new Tensor(steps, batch, inputSize);
        random.FillUniform(input.Span, -2f, 2f);
        int[] lengths = [7, 3, 1, 5, 7];
        var h0 = new Tensor(units, batch, hidden);
        random.FillUniform(h0.Span, -0.5f, 0.5f);
        var c0 = layer.HasCellState ? new Tensor(units, batch, hidden) : null;
        if (c0 is not null)
        {
            random.FillUniform(c0.Span, -0.5f, 0.5f);
        }

        var expected = layer.Forward(input, lengths, new RecurrentState(h0, c0));
        var expectedSequence = expected.Output.Values.ToArray();
        var expectedHidden = expected.FinalState.Hidden.Values.ToArray();
        var expectedCell = expected.FinalState.Cell?.Values.ToArray();
        layer.ReturnSequences = false;
        var expectedLast = layer.Forward(input, lengths, new RecurrentState(h0, c0)).Output.Values.ToArray();

        var graph = new OnnxGraph("layer", "test");
        var x = graph.Input("x", OnnxElementType.Float, "steps", "batch", inputSize);
        var lens = graph.Input("lengths", OnnxElementType.Int64, "batch");
        var h = graph.Input("h0", OnnxElementType.Float, units, "batch", hidden);
        var c = layer.HasCellState ? graph.Input("c0", OnnxElementType.Float, units, "batch", hidden) : null;
        var result = graph.Recurrent(layer, x, graph.Cast(lens, OnnxElementType.Int32), h, c);
        graph.Output("y", result.Sequence, OnnxElementType.Float, "steps", "batch", layer.OutputSize);
        graph.Output("last", result.LastState, OnnxElementType.Float, "batch", layer.OutputSize);
        graph.Output("hn", result.FinalHidden, OnnxElementType.Float, units, "batch", hidden);
        if (result.FinalCell is not null)
        {
            graph.Output("cn", result.FinalCell, OnnxElementType.Float, units, "batch", hidden);
        }

        using var runner = new OnnxRunner(graph.Encode());
        var inputs = new List<(string, object, int[])>
        {
            ("x", input.Values.ToArray(), [steps, batch, inputSize]),
            ("lengths", lengths.Select(l => (long)l).ToArray(), [batch]),
            ("h0", h0.Values.ToArray(), [units, batch, hidden]),
        };
        if (c0 is not null)
        {
            inputs.Add(("c0", c0.Values.ToArray(), [units, batch, hidden]));
        }

        var actual = runner.Run(inputs.ToArray());
        Assert.True(Tolerance.MaxDifference(expectedSequence, actual["y"]) < 1e-5f, "sequence output");
        Assert.True(Tolerance.MaxDifference(expectedLast, actual["last"]) < 1e-5f, "last state");
        Assert.True(Tolerance.MaxDifference(expectedHidden, actual["hn"]) < 1e-5f, "final hidden");
        if (expectedCell is not null)
        {
            Assert.True(Tolerance.MaxDifference(expectedCell, actual["cn"]) < 1e-5f, "final cell");
        }
    }

    [Fact]
    public void DenseAndEmbeddingMatchTheEngine()
    {
        var random = new RandomSource(3);
        var embedding = new Embedding(10, 4, random);
        var dense = new Dense(4, 3, random);
        random.FillUniform(dense.Bias!.Value.Span, -1f, 1f);
        int[] ids = [0, 9, 3, 3, 7, 1];
        var expected = dense.Forward(embedding.Forward(ids, 2, 3)).Values.ToArray();

        var graph = new OnnxGraph("dense", "test");
        var input = graph.Input("ids", OnnxElementType.Int64, 2, 3);
        graph.Output("y", graph.Dense(dense, graph.Embedding(embedding, input)), OnnxElementType.Float, 2, 3, 3);
        using var runner = new OnnxRunner(graph.Encode());
        var actual = runner.Run(("ids", ids.Select(i => (long)i).ToArray(), [2, 3]))["y"];
        Assert.True(Tolerance.MaxDifference(expected, actual) < 1e-5f);
    }
}
