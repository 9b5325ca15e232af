using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Benchmarks;

/// <summary>Builds the recurrent layer named by a benchmark configuration.</summary>
internal static class RecurrentFactory
{
    public static RecurrentLayer Create(string cell, int inputSize, int hiddenSize, int numLayers, bool bidirectional, RandomSource random) => cell switch
    {
        "lstm" => new Lstm(inputSize, hiddenSize, numLayers, bidirectional: bidirectional, random: random),
        "gru" => new Gru(inputSize, hiddenSize, numLayers, bidirectional: bidirectional, random: random),
        "rnn" => new SimpleRnn(inputSize, hiddenSize, numLayers, bidirectional: bidirectional, random: random),
        _ => throw new ArgumentException($"Unknown cell '{cell}'.", nameof(cell)),
    };
}
