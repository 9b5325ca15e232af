using Microsoft.ML.Recurrent.Engine.Losses;
using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Text.Batching;
using Microsoft.ML.Recurrent.Text.Vocabularies;
using Microsoft.ML.Recurrent.Translation.Network;

namespace Microsoft.ML.Recurrent.Translation.Training;

/// <summary>
/// One training step's forward and backward pass over a batch of sentence pairs: encode the sources, decode the targets
/// step by step (the decoder reads &lt;s&gt; y₁ … yₙ and predicts y₁ … yₙ &lt;/s&gt;), label-smoothed cross-entropy per
/// target token, and scheduled sampling: after each step, every row reads the reference token with probability equal to
/// the teacher-forcing ratio and otherwise the model's own most likely token. The output layer and the loss run once
/// over a chunk of consecutive steps (all steps under full teacher forcing, one step at a time when the next inputs
/// depend on the logits), and only over the rows that have a target token: rows past a sentence's end are left out
/// rather than projected and ignored. Workspaces are kept between batches.
/// </summary>
internal sealed class TrainingPass
{
    private readonly Seq2SeqNetwork network;
    private readonly List<StepBuffers> steps = new();
    private readonly List<Chunk> chunks = new();
    private readonly float labelSmoothing;
    private int[] inputs = [];
    private int[] labels = [];
    private Tensor? bridgeHidden, bridgeCell, initialHidden, initialCell, gradHidden, gradCell, gradEncoderHidden, gradEncoderCell, gradBridge, gradFeed, gradStep;
    private RecurrentState? initialState;
    private int stepCount;
    private int chunkCount;
    private int batchSize;

    public TrainingPass(Seq2SeqNetwork network, float labelSmoothing)
    {
        this.network = network;
        this.labelSmoothing = labelSmoothing;
    }

    /// <summary>Runs the forward pass (training mode) and returns the summed loss of its target tokens.</summary>
    /// <param name="source">Padded source ids (each ending with &lt;/s&gt;).</param>
    /// <param name="targets">Target ids of each batch column, without &lt;s&gt; and &lt;/s&gt;.</param>
    /// <param name="teacherForcing">Probability of reading the reference token at each step after the first.</param>
    /// <param name="random">Draws the scheduled-sampling choices (unused at ratio 1).</param>
    /// <param name="meanOver">
    /// Number of target tokens (&lt;/s&gt; included) the loss is averaged over: this batch's, or the whole batch's when
    /// this pass computes part of it. <see cref="Backward"/> gives the gradient of the summed loss divided by it.
    /// </param>
    public double Forward(PaddedBatch source, IReadOnlyList<int[]> targets, float teacherForcing, RandomSource random, int meanOver)
    {
        int batch = source.BatchSize, layers = network.NumLayers, h = network.HiddenSize;
        batchSize = batch;
        stepCount = targets.Max(t => t.Length) + 1;
        PrepareSteps(targets);
        var bridgeInput = new RecurrentState(
            Tensor.Ensure(ref bridgeHidden, [layers, batch, h]),
            network.BridgeCell is null ? null : Tensor.Ensure(ref bridgeCell, [layers, batch, h]));
        initialState = new RecurrentState(
            Tensor.Ensure(ref initialHidden, [layers, batch, h]),
            network.BridgeCell is null ? null : Tensor.Ensure(ref initialCell, [layers, batch, h]));
        var encoded = network.Encode(source.Ids, source.Steps, batch, source.Lengths, initialState, bridgeInput);
        network.Attention?.SetMemory(encoded.Output, source.Lengths);

        bool sampling = teacherForcing < 1f;
        double total = 0;
        var state = initialState;
        Tensor? feed = null;
        chunkCount = 0;
        int chunkStart = 0;
        for (int t = 0; t < stepCount; t++)
        {
            feed = network.DecodeStep(inputs.AsSpan(t * batch, batch), state, feed, steps[t]);
            state = steps[t].State!;
            bool last = t + 1 == stepCount;
            if (last || sampling)
            {
                var logits = Project(chunkStart, t + 1, meanOver, ref total);
                chunkStart = t + 1;
                if (!last)
                {
                    ChooseNextInputs(logits, t, teacherForcing, random);
                }
            }
        }

        return total;
    }

    /// <summary>Backpropagates the latest <see cref="Forward"/>, accumulating every parameter's gradient.</summary>
    public void Backward()
    {
        int batch = batchSize, layers = network.NumLayers, h = network.HiddenSize, attended = network.AttendedSize;
        var gradState = new RecurrentState(
            Tensor.Ensure(ref gradHidden, [layers, batch, h]),
            network.BridgeCell is null ? null : Tensor.Ensure(ref gradCell, [layers, batch, h]));
        var feedGradient = Tensor.Ensure(ref gradFeed, [batch, attended]);
        var stepGradient = Tensor.Ensure(ref gradStep, [batch, attended], clear: false);
        for (int c = chunkCount - 1; c >= 0; c--)
        {
            var chunk = chunks[c];
            var gradVectors = network.BackwardProject(chunk.Loss.Gradient).Values;
            int row = chunk.Count - 1;
            for (int t = chunk.End - 1; t >= chunk.Start; t--)
            {
                // Scatter the projected rows of step t back to their batch rows; rows without a target get zero.
                var gradients = stepGradient.Span;
                gradients.Clear();
                int stepOffset = (t - chunk.Start) * batch;
                for (; row >= 0 && chunk.Rows[row] >= stepOffset; row--)
                {
                    gradVectors.Slice(row * attended, attended).CopyTo(gradients.Slice((chunk.Rows[row] - stepOffset) * attended));
                }

                network.BackwardStep(steps[t], stepGradient.Values, feedGradient, gradState, isLastStep: t == stepCount - 1);
            }
        }

        int units = layers * network.Directions;
        var gradEncoder = new RecurrentState(
            Tensor.Ensure(ref gradEncoderHidden, [units, batch, network.EncoderHidden]),
            network.BridgeCell is null ? null : Tensor.Ensure(ref gradEncoderCell, [units, batch, network.EncoderHidden]));
        network.BackwardEncoder(initialState!, gradState, Tensor.Ensure(ref gradBridge, [layers, batch, h]), gradEncoder);
        network.AccumulateTiedGradients();
    }

    /// <summary>
    /// Projects the attentional vectors of the rows with a target token in steps [<paramref name="start"/>,
    /// <paramref name="end"/>) with one output-layer call, adds their summed loss to <paramref name="total"/>, scales the
    /// loss gradient to the mean over <paramref name="meanOver"/> tokens, and returns the logits [rows, targetVocabulary]
    /// (row i belongs to chunk row <see cref="Chunk.Rows"/>[i]).
    /// </summary>
    private Tensor Project(int start, int end, int meanOver, ref double total)
    {
        int batch = batchSize, attended = network.AttendedSize;
        if (chunkCount == chunks.Count)
        {
            chunks.Add(new Chunk(new SoftmaxCrossEntropyLoss(ignoreIndex: Vocabulary.PadId, labelSmoothing: labelSmoothing)));
        }

        var chunk = chunks[chunkCount++];
        chunk.Start = start;
        chunk.End = end;
        var chunkLabels = labels.AsSpan(start * batch, (end - start) * batch);
        if (chunk.Rows.Length < chunkLabels.Length)
        {
            chunk.Rows = new int[chunkLabels.Length];
            chunk.Labels = new int[chunkLabels.Length];
        }

        // Every step has a target token in some row (the longest target's), so no chunk is empty.
        chunk.Count = 0;
        for (int row = 0; row < chunkLabels.Length; row++)
        {
            if (chunkLabels[row] != Vocabulary.PadId)
            {
                chunk.Rows[chunk.Count] = row;
                chunk.Labels[chunk.Count++] = chunkLabels[row];
            }
        }

        var vectors = Tensor.Ensure(ref chunk.Vectors, [chunk.Count, attended], clear: false);
        var gathered = vectors.Span;
        for (int i = 0; i < chunk.Count; i++)
        {
            int row = chunk.Rows[i];
            steps[start + row / batch].Attended!.Values.Slice(row % batch * attended, attended).CopyTo(gathered.Slice(i * attended, attended));
        }

        var logits = network.Project(vectors);
        total += (double)chunk.Loss.Compute(logits, chunk.Labels.AsSpan(0, chunk.Count)) * chunk.Count;
        var gradient = chunk.Loss.Gradient.Span;
        TensorPrimitives.Multiply(gradient, chunk.Count / (float)meanOver, gradient);
        return logits;
    }

    /// <summary>
    /// Step t reads inputs[t·batch …] and predicts labels[t·batch …]: yₜ while t &lt; n, &lt;/s&gt; at t = n, padding after.
    /// Inputs are the reference tokens (teacher forcing); scheduled sampling overwrites some after each step.
    /// </summary>
    private void PrepareSteps(IReadOnlyList<int[]> targets)
    {
        int batch = targets.Count;
        while (steps.Count < stepCount)
        {
            steps.Add(new StepBuffers());
        }

        if (labels.Length < stepCount * batch)
        {
            labels = new int[stepCount * batch];
            inputs = new int[stepCount * batch];
        }

        inputs.AsSpan(0, batch).Fill(Vocabulary.BeginId);
        for (int t = 0; t < stepCount; t++)
        {
            for (int b = 0; b < batch; b++)
            {
                int n = targets[b].Length;
                int label = t < n ? targets[b][t] : t == n ? Vocabulary.EndId : Vocabulary.PadId;
                labels[t * batch + b] = label;
                if (t + 1 < stepCount)
                {
                    inputs[(t + 1) * batch + b] = label == Vocabulary.EndId ? Vocabulary.PadId : label;
                }
            }
        }
    }

    /// <summary>
    /// After step t, makes each row still inside its target read the model's most likely token with probability
    /// 1 − <paramref name="teacherForcing"/>; <paramref name="logits"/> are the step's projected rows (see <see cref="Project"/>).
    /// </summary>
    private void ChooseNextInputs(Tensor logits, int t, float teacherForcing, RandomSource random)
    {
        int batch = batchSize, vocabulary = logits.Dim(1);
        var chunk = chunks[chunkCount - 1];
        var rows = logits.Values;
        for (int i = 0; i < chunk.Count; i++)
        {
            int b = chunk.Rows[i];
            if (labels[t * batch + b] != Vocabulary.EndId && random.NextFloat() >= teacherForcing)
            {
                inputs[(t + 1) * batch + b] = TensorPrimitives.IndexOfMax(rows.Slice(i * vocabulary, vocabulary));
            }
        }
    }

    /// <summary>
    /// Consecutive steps [Start, End) projected and scored together: which of their rows have a target token (chunk row
    /// (t − Start)·batch + b, ascending), those rows' labels and attentional vectors, and their loss.
    /// </summary>
    private sealed class Chunk(SoftmaxCrossEntropyLoss loss)
    {
        public SoftmaxCrossEntropyLoss Loss { get; } = loss;

        public int Start;
        public int End;
        public int Count;
        public int[] Rows = [];
        public int[] Labels = [];
        public Tensor? Vectors;
    }
}
