using Microsoft.ML.Recurrent.Engine.Recurrent;

namespace Microsoft.ML.Recurrent.TextGeneration;

/// <summary>
/// Streaming inference for <see cref="Batch"/> sequences at once: each <see cref="Step"/> feeds one character per
/// sequence through the engine's <see cref="RecurrentStepper"/> and returns the next-character logits. Allocation-free
/// after construction. One thread at a time; <see cref="CharLanguageModel"/> pools sessions per batch size.
/// </summary>
internal sealed class InferenceSession
{
    private readonly CharNetwork network;
    private readonly RecurrentStepper stepper;
    private readonly float[] input;
    private readonly float[] logits;
    private readonly int width;

    public InferenceSession(CharNetwork network, int batch)
    {
        this.network = network;
        Batch = batch;
        stepper = network.Recurrent.CreateStepper(batch);
        width = network.Recurrent.InputSize;
        input = new float[batch * width];
        logits = new float[batch * network.VocabularySize];
    }

    public int Batch { get; }

    /// <summary>The stepper's state [numLayers, batch, hiddenSize] (and cell for LSTM), for reordering beams.</summary>
    public RecurrentState State => stepper.State;

    /// <summary>The logits returned by the latest <see cref="Step"/>, [batch, vocabulary].</summary>
    public ReadOnlySpan<float> Logits => logits;

    /// <summary>Starts every sequence from the zero state.</summary>
    public void Reset() => stepper.Reset();

    /// <summary>Consumes one character id per sequence and returns the logits of the next character, [batch, vocabulary].</summary>
    public ReadOnlySpan<float> Step(ReadOnlySpan<int> ids)
    {
        var table = network.EmbeddingTable;
        for (int b = 0; b < Batch; b++)
        {
            table.Slice(ids[b] * width, width).CopyTo(input.AsSpan(b * width, width));
        }

        var hidden = stepper.Step(input);
        var weight = network.Head.Weight.Value.Values;
        var bias = network.Head.Bias!.Value.Values;
        int h = network.Recurrent.HiddenSize, classes = network.VocabularySize;
        for (int b = 0; b < Batch; b++)
        {
            var row = hidden.Slice(b * h, h);
            for (int c = 0; c < classes; c++)
            {
                logits[b * classes + c] = TensorPrimitives.Dot(row, weight.Slice(c * h, h)) + bias[c];
            }
        }

        return logits;
    }

    /// <summary>Feeds <paramref name="context"/> (at least one id) to every sequence and returns the logits after its last character.</summary>
    public ReadOnlySpan<float> Prime(ReadOnlySpan<int> context)
    {
        Span<int> ids = stackalloc int[Batch];
        foreach (int id in context)
        {
            ids.Fill(id);
            Step(ids);
        }

        return logits;
    }
}
