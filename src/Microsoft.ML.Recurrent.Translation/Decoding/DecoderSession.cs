using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Text.Batching;
using Microsoft.ML.Recurrent.Translation.Network;

namespace Microsoft.ML.Recurrent.Translation.Decoding;

/// <summary>
/// Evaluation-mode decoding of a batch of sources with <c>rowsPerSource</c> decoder rows each (one for greedy decoding,
/// the beam size for beam search): encodes the sources once, then advances every row one token per <see cref="Step"/>
/// and lets search reorder rows between steps. Owns its state, so sessions on different threads are independent; a
/// session must be used on the thread that created it (the network's evaluation workspaces are per thread).
/// </summary>
internal sealed class DecoderSession
{
    private readonly Seq2SeqNetwork network;
    private readonly StepBuffers buffers = new();
    private readonly float[] exponentials;
    private readonly float[] reorderScratch;

    public DecoderSession(Seq2SeqNetwork network, IReadOnlyList<int[]> sources, int rowsPerSource)
    {
        this.network = network;
        int n = sources.Count, k = rowsPerSource, rows = n * k;
        var batch = PaddedBatch.Create(sources);
        var initial = network.NewState(n);
        var encoded = network.Encode(batch.Ids, batch.Steps, n, batch.Lengths, initial, network.NewState(n));
        Rows = rows;
        SourceSteps = batch.Steps;
        SourceLengths = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            SourceLengths[r] = batch.Lengths[r / k];
        }

        State = new RecurrentState(Expand(initial.Hidden, k), initial.Cell is null ? null : Expand(initial.Cell, k));
        Feed = network.FeedSize > 0 ? new Tensor(rows, network.FeedSize) : null;
        if (network.Attention is not null)
        {
            var memory = Expand(encoded.Output, k);
            network.Attention.SetMemory(memory, SourceLengths);
            Weights = new Tensor(rows, SourceSteps);
        }

        LogProbabilities = new Tensor(rows, network.TargetVocabularySize);
        exponentials = new float[network.TargetVocabularySize];
        reorderScratch = new float[State.Hidden.Length];
    }

    /// <summary>Decoder rows: sources × rows per source.</summary>
    public int Rows { get; }

    /// <summary>Padded source length (columns of <see cref="Weights"/>).</summary>
    public int SourceSteps { get; }

    /// <summary>Source length of each row, end-of-sentence included.</summary>
    public int[] SourceLengths { get; }

    /// <summary>Decoder state [layers, rows, hidden].</summary>
    public RecurrentState State { get; }

    /// <summary>The last attentional vector of each row (input feeding), or null.</summary>
    public Tensor? Feed { get; }

    /// <summary>Log-probabilities of the next token [rows, targetVocabulary] after the latest <see cref="Step"/>.</summary>
    public Tensor LogProbabilities { get; }

    /// <summary>Attention weights [rows, sourceSteps] of the latest step, or null without attention.</summary>
    public Tensor? Weights { get; }

    /// <summary>Feeds one token per row and computes the next token's log-probabilities.</summary>
    public void Step(ReadOnlySpan<int> ids)
    {
        var logits = network.Project(network.DecodeStep(ids, State, Feed, buffers));
        int vocabulary = LogProbabilities.Dim(1);
        var output = LogProbabilities.Span;
        for (int r = 0; r < Rows; r++)
        {
            var row = logits.Values.Slice(r * vocabulary, vocabulary);
            var target = output.Slice(r * vocabulary, vocabulary);
            float max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, target);
            TensorPrimitives.Exp(target, exponentials);
            TensorPrimitives.Subtract(target, MathF.Log(TensorPrimitives.Sum(exponentials)), target);
        }

        buffers.State!.Hidden.Values.CopyTo(State.Hidden.Span);
        buffers.State.Cell?.Values.CopyTo(State.Cell!.Span);
        if (Feed is not null)
        {
            buffers.Attended!.Values.CopyTo(Feed.Span);
        }

        buffers.Weights?.Values.CopyTo(Weights!.Span);
    }

    /// <summary>Makes row r continue from row <paramref name="parents"/>[r] (beam search).</summary>
    public void Reorder(ReadOnlySpan<int> parents)
    {
        int layers = State.Hidden.Dim(0), h = State.Hidden.Dim(2);
        for (int l = 0; l < layers; l++)
        {
            Gather(State.Hidden.Span.Slice(l * Rows * h, Rows * h), h, parents);
            if (State.Cell is not null)
            {
                Gather(State.Cell.Span.Slice(l * Rows * h, Rows * h), h, parents);
            }
        }

        if (Feed is not null)
        {
            Gather(Feed.Span, Feed.Dim(1), parents);
        }
    }

    private void Gather(Span<float> rows, int width, ReadOnlySpan<int> parents)
    {
        var copy = reorderScratch.AsSpan(0, rows.Length);
        rows.CopyTo(copy);
        for (int r = 0; r < parents.Length; r++)
        {
            copy.Slice(parents[r] * width, width).CopyTo(rows.Slice(r * width, width));
        }
    }

    /// <summary>Repeats each batch column of <paramref name="source"/> [outer, batch, width] <paramref name="times"/> times.</summary>
    private static Tensor Expand(Tensor source, int times)
    {
        int outer = source.Dim(0), batch = source.Dim(1), width = source.Dim(2);
        var result = new Tensor(outer, batch * times, width);
        var from = source.Values;
        var to = result.Span;
        for (int o = 0; o < outer; o++)
        {
            for (int r = 0; r < batch * times; r++)
            {
                from.Slice((o * batch + r / times) * width, width).CopyTo(to.Slice((o * batch * times + r) * width, width));
            }
        }

        return result;
    }
}
