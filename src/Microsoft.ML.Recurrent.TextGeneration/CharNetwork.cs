using Microsoft.ML.Recurrent.Engine.Layers;
using Microsoft.ML.Recurrent.Engine.Losses;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Training;

namespace Microsoft.ML.Recurrent.TextGeneration;

/// <summary>
/// Character embedding → stacked LSTM/GRU (dropout between layers) → dropout → linear layer to one logit per character.
/// With tied embeddings the output layer's weight is the embedding table: it is copied in before every training
/// forward pass and its gradient is added to the table's after the backward pass, so only the table is trained.
/// </summary>
internal sealed partial class CharNetwork : Module
{
    private readonly Embedding embedding;
    private readonly Dropout dropout;

    public CharNetwork(int vocabularySize, CharLanguageModelOptions options, RandomSource random)
        : base("charlm")
    {
        int width = options.ResolvedEmbeddingSize;
        VocabularySize = vocabularySize;
        Tied = options.TieEmbeddings;
        embedding = AddChild(new Embedding(vocabularySize, width, random));
        Recurrent = AddChild(RecurrentLayer.Create(options.Cell, width, options.HiddenSize, options.NumLayers, options.NumLayers > 1 ? options.Dropout : 0f, random: random));
        dropout = AddChild(new Dropout(options.Dropout, random));
        Head = AddChild(new Dense(options.HiddenSize, vocabularySize, random, name: "head"));
        if (Tied)
        {
            random.FillUniform(embedding.Weight.Value.Span, -0.1f, 0.1f); // the table also scales the logits
            CopyTiedWeight();
        }
    }

    public int VocabularySize { get; }

    public bool Tied { get; }

    public RecurrentLayer Recurrent { get; }

    public Dense Head { get; }

    /// <summary>The embedding table [vocabulary, width]; a step's input is one of its rows.</summary>
    public ReadOnlySpan<float> EmbeddingTable => embedding.Weight.Value.Values;

    /// <summary>The parameters the optimizer updates: all but the output weight when it is tied to the embedding.</summary>
    public IReadOnlyList<Parameter> TrainableParameters => Parameters.Where(p => !Tied || p != Head.Weight).ToList();

    /// <summary>
    /// One training step on a window: ids and labels time-major [steps, batch], the recurrent state carried by
    /// <paramref name="bptt"/>. Returns the mean loss; gradients are accumulated.
    /// </summary>
    public float TrainWindow(TruncatedBptt bptt, ReadOnlySpan<int> ids, ReadOnlySpan<int> labels, int steps, int batch, SoftmaxCrossEntropyLoss loss)
    {
        CopyTiedWeight();
        var hidden = bptt.Forward(embedding.Forward(ids, steps, batch)).Output;
        var logits = Head.Forward(dropout.Forward(hidden)).Reshape(steps * batch, VocabularySize);
        float value = loss.Compute(logits, labels);
        var gradHidden = dropout.Backward(Head.Backward(loss.Gradient));
        embedding.Backward(bptt.Backward(gradHidden)!);
        if (Tied)
        {
            var table = embedding.Weight.Gradient.Span;
            TensorPrimitives.Add(table, Head.Weight.Gradient.Span, table);
            Head.Weight.Gradient.Clear();
        }

        return value;
    }

    /// <summary>
    /// Evaluation-mode logits [steps·batch, vocabulary] for ids [steps, batch], continuing from <paramref name="state"/>,
    /// which is overwritten with the final state. Thread safe (the engine's evaluation passes use per-thread buffers).
    /// </summary>
    public Tensor Logits(ReadOnlySpan<int> ids, int steps, int batch, RecurrentState state)
    {
        var output = Recurrent.Forward(embedding.Forward(ids, steps, batch), default, state);
        output.FinalState.Hidden.Values.CopyTo(state.Hidden.Span);
        output.FinalState.Cell?.Values.CopyTo(state.Cell!.Span);
        return Head.Forward(output.Output).Reshape(steps * batch, VocabularySize);
    }

    /// <summary>A zero state for <paramref name="batch"/> streams.</summary>
    public RecurrentState NewState(int batch)
    {
        var hidden = new Tensor(Recurrent.NumLayers, batch, Recurrent.HiddenSize);
        return new RecurrentState(hidden, Recurrent.HasCellState ? new Tensor(Recurrent.NumLayers, batch, Recurrent.HiddenSize) : null);
    }

    /// <summary>Makes the output weight equal the embedding table (after training or loading) when they are tied.</summary>
    public void CopyTiedWeight()
    {
        if (Tied)
        {
            embedding.Weight.Value.Values.CopyTo(Head.Weight.Value.Span);
        }
    }
}
