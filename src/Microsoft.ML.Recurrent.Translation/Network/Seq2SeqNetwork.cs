using Microsoft.ML.Recurrent.Engine.Attention;
using Microsoft.ML.Recurrent.Engine.Kernels;
using Microsoft.ML.Recurrent.Engine.Layers;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Text.Vocabularies;

namespace Microsoft.ML.Recurrent.Translation.Network;

/// <summary>
/// The encoder-decoder: source embedding → (bidirectional, stacked) recurrent encoder → bridge (tanh dense layer per
/// layer for the hidden state, linear for an LSTM's cell) → decoder cell, one target step at a time, with optional
/// attention and input feeding → attentional vector tanh(W·[s; c]) → output layer over the target vocabulary.
/// Bahdanau attention queries the previous decoder state and feeds the context into the cell; Luong attention queries
/// the new state. The step logic (<see cref="DecodeStep"/>) serves training and inference alike.
/// </summary>
internal sealed partial class Seq2SeqNetwork : Module
{
    public Seq2SeqNetwork(TranslatorOptions options, int sourceVocabulary, int targetVocabulary, RandomSource random)
        : base("seq2seq")
    {
        Options = options;
        int e = options.EmbeddingDimension, h = options.HiddenSize, l = options.NumLayers;
        Directions = options.Bidirectional ? 2 : 1;
        EncoderHidden = h / Directions;
        AttendedSize = options.TieEmbeddings ? e : h;
        SourceEmbedding = AddChild(new Embedding(sourceVocabulary, e, random.Fork(), Vocabulary.PadId, "source_embedding"));
        TargetEmbedding = AddChild(new Embedding(targetVocabulary, e, random.Fork(), Vocabulary.PadId, "target_embedding"));
        SourceDropout = AddChild(new Dropout(options.Dropout, random.Fork(), "source_dropout"));
        TargetDropout = AddChild(new Dropout(options.Dropout, random.Fork(), "target_dropout"));
        Encoder = AddChild(RecurrentLayer.Create(options.Cell, e, EncoderHidden, l, options.Dropout, options.Bidirectional, random.Fork(), "encoder"));
        BridgeHidden = AddChild(new Dense(h, h, random.Fork(), name: "bridge_hidden"));
        BridgeCell = options.Cell == RecurrentCellType.Lstm ? AddChild(new Dense(h, h, random.Fork(), name: "bridge_cell")) : null;
        ContextSize = options.Attention == AttentionType.None ? 0 : h;
        FeedSize = options.InputFeeding ? AttendedSize : 0;
        int bahdanauContext = options.Attention == AttentionType.Bahdanau ? ContextSize : 0;
        DecoderInputSize = e + bahdanauContext + FeedSize;
        Decoder = AddChild(RecurrentLayer.Create(options.Cell, DecoderInputSize, h, l, options.Dropout, false, random.Fork(), "decoder"));
        Attention = options.Attention switch
        {
            AttentionType.None => null,
            AttentionType.Bahdanau => AddChild(new Attention(AttentionScore.Additive, h, h, options.AttentionSize, random.Fork())),
            AttentionType.Luong => AddChild(new Attention(AttentionScore.General, h, h, random: random.Fork())),
            _ => AddChild(new Attention(AttentionScore.Dot, h, h, random: random.Fork())),
        };
        Combine = AddChild(new Dense(h + ContextSize, AttendedSize, random.Fork(), name: "combine"));
        OutputDropout = AddChild(new Dropout(options.Dropout, random.Fork(), "output_dropout"));
        Output = AddChild(new Dense(AttendedSize, targetVocabulary, random.Fork(), name: "output"));
        SyncTiedWeights();
    }

    public TranslatorOptions Options { get; }

    public int Directions { get; }

    public int EncoderHidden { get; }

    /// <summary>Width of the attentional vector fed to the output layer.</summary>
    public int AttendedSize { get; }

    /// <summary>Width of the attention context (0 without attention).</summary>
    public int ContextSize { get; }

    /// <summary>Width of the input-feeding part of the decoder input (0 without input feeding).</summary>
    public int FeedSize { get; }

    public int DecoderInputSize { get; }

    public int HiddenSize => Options.HiddenSize;

    public int NumLayers => Options.NumLayers;

    public int TargetVocabularySize => Output.OutFeatures;

    public Embedding SourceEmbedding { get; }

    public Embedding TargetEmbedding { get; }

    public Dropout SourceDropout { get; }

    public Dropout TargetDropout { get; }

    public RecurrentLayer Encoder { get; }

    public Dense BridgeHidden { get; }

    public Dense? BridgeCell { get; }

    public RecurrentLayer Decoder { get; }

    public Attention? Attention { get; }

    public Dense Combine { get; }

    public Dropout OutputDropout { get; }

    public Dense Output { get; }

    private bool IsBahdanau => Options.Attention == AttentionType.Bahdanau;

    /// <summary>The parameters an optimizer updates: all, except the target embedding when it is tied to the output layer.</summary>
    public IEnumerable<Parameter> TrainableParameters => Options.TieEmbeddings ? Parameters.Where(p => p != TargetEmbedding.Weight) : Parameters;

    /// <summary>With tied embeddings, copies the output layer's weights (the shared matrix) into the target embedding.</summary>
    public void SyncTiedWeights()
    {
        if (Options.TieEmbeddings)
        {
            Output.Weight.Value.Values.CopyTo(TargetEmbedding.Weight.Value.Span);
        }
    }

    /// <summary>
    /// With tied embeddings, moves the target embedding's gradient into the shared matrix's (the output layer's), leaving
    /// the embedding's own gradient zero for the next backward pass (the optimizer does not clear it: it is not trained).
    /// </summary>
    public void AccumulateTiedGradients()
    {
        if (Options.TieEmbeddings)
        {
            var shared = Output.Weight.Gradient.Span;
            var embedding = TargetEmbedding.Weight.Gradient.Span;
            TensorPrimitives.Add(shared, embedding, shared);
            embedding.Clear();
        }
    }

    /// <summary>A network of the same architecture that uses this one's weights and accumulates its own gradients (see <see cref="ModuleReplica"/>).</summary>
    /// <param name="random">Seeds the replica's dropout masks.</param>
    public ModuleReplica CreateReplica(RandomSource random) =>
        new(this, new Seq2SeqNetwork(Options, SourceEmbedding.NumEmbeddings, TargetVocabularySize, random));

    /// <summary>
    /// Runs the encoder over padded source ids [steps, batch] and writes the decoder's initial state into
    /// <paramref name="initialState"/> [layers, batch, hidden]. <paramref name="bridgeInput"/> is a workspace shaped like the
    /// initial state (hidden and cell); the bridge reads it until backward. Returns the encoder's output (the attention
    /// memory) and final state, both owned by the encoder.
    /// </summary>
    public RecurrentOutput Encode(ReadOnlySpan<int> ids, int steps, int batch, ReadOnlySpan<int> lengths, RecurrentState initialState, RecurrentState bridgeInput)
    {
        var embedded = SourceDropout.Forward(SourceEmbedding.Forward(ids, steps, batch));
        var encoded = Encoder.Forward(embedded, lengths);
        int l = NumLayers;
        RowBlocks.JoinDirections(encoded.FinalState.Hidden.Values, l, Directions, batch, EncoderHidden, bridgeInput.Hidden.Span);
        Activations.Tanh(BridgeHidden.Forward(bridgeInput.Hidden).Values, initialState.Hidden.Span);
        if (BridgeCell is not null)
        {
            RowBlocks.JoinDirections(encoded.FinalState.Cell!.Values, l, Directions, batch, EncoderHidden, bridgeInput.Cell!.Span);
            BridgeCell.Forward(bridgeInput.Cell).Values.CopyTo(initialState.Cell!.Span);
        }

        return encoded;
    }

    /// <summary>A zero state [layers, batch, hidden] (with a cell for LSTM), for the decoder's initial state or the bridge's workspace.</summary>
    public RecurrentState NewState(int batch) =>
        new(new Tensor(NumLayers, batch, HiddenSize), BridgeCell is null ? null : new Tensor(NumLayers, batch, HiddenSize));

    /// <summary>
    /// One decoder step for a batch: reads token <paramref name="ids"/>, the state before the step and (with input feeding)
    /// the previous attentional vector <paramref name="feed"/> [batch, attended] (null at the first step means zeros), and
    /// returns the step's attentional vector [batch, attended] (<see cref="StepBuffers.Attended"/>), which
    /// <see cref="Project"/> turns into logits. The new state and attention weights are left in <paramref name="buffers"/>.
    /// Attention memory must have been set.
    /// </summary>
    public Tensor DecodeStep(ReadOnlySpan<int> ids, RecurrentState state, Tensor? feed, StepBuffers buffers)
    {
        int batch = ids.Length, e = Options.EmbeddingDimension, h = HiddenSize, width = DecoderInputSize;
        var embedded = TargetDropout.Forward(TargetEmbedding.Forward(ids, 1, batch));
        var input = Tensor.Ensure(ref buffers.RnnInput, [1, batch, width], clear: false).Span;
        int combined = h + ContextSize;
        var combineInput = Tensor.Ensure(ref buffers.CombineInput, [batch, combined], clear: false).Span;
        RowBlocks.Put(embedded.Values, batch, e, input, width, 0);
        int offset = e;
        buffers.Weights = null;
        if (IsBahdanau)
        {
            var query = Tensor.Ensure(ref buffers.Query, [batch, h], clear: false);
            state.Hidden.Values.Slice((NumLayers - 1) * batch * h, batch * h).CopyTo(query.Span);
            var attended = Attention!.Forward(query);
            RowBlocks.Put(attended.Context.Values, batch, ContextSize, input, width, offset);
            RowBlocks.Put(attended.Context.Values, batch, ContextSize, combineInput, combined, h);
            buffers.Weights = attended.Weights;
            offset += ContextSize;
        }

        if (FeedSize > 0)
        {
            if (feed is null)
            {
                for (int b = 0; b < batch; b++)
                {
                    input.Slice(b * width + offset, FeedSize).Clear();
                }
            }
            else
            {
                RowBlocks.Put(feed.Values, batch, FeedSize, input, width, offset);
            }
        }

        var decoded = Decoder.Forward(buffers.RnnInput!, default, state);
        buffers.State = decoded.FinalState;
        RowBlocks.Put(decoded.Output.Values, batch, h, combineInput, combined, 0);
        if (Attention is not null && !IsBahdanau)
        {
            var query = Tensor.Ensure(ref buffers.Query, [batch, h], clear: false);
            decoded.Output.Values.CopyTo(query.Span);
            var attended = Attention.Forward(query);
            RowBlocks.Put(attended.Context.Values, batch, ContextSize, combineInput, combined, h);
            buffers.Weights = attended.Weights;
        }

        var vector = Tensor.Ensure(ref buffers.Attended, [batch, AttendedSize], clear: false);
        Activations.Tanh(Combine.Forward(buffers.CombineInput!).Values, vector.Span);
        return vector;
    }

    /// <summary>
    /// The output layer (after output dropout) over attentional vectors [rows, attended] of any number of steps: returns the
    /// logits [rows, targetVocabulary]. Training projects all steps that need no logits in between with one call.
    /// </summary>
    public Tensor Project(Tensor vectors) => Output.Forward(OutputDropout.Forward(vectors));
}
