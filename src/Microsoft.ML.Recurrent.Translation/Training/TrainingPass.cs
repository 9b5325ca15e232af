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
/// the teacher-forcing ratio and otherwise the model's own most likely token. Workspaces are kept between batches.
/// </summary>
internal sealed class TrainingPass
{
    private readonly Seq2SeqNetwork network;
    private readonly List<StepBuffers> steps = new();
    private readonly List<SoftmaxCrossEntropyLoss> losses = new();
    private readonly List<int[]> inputs = new();
    private readonly List<int[]> labels = new();
    private readonly float labelSmoothing;
    private Tensor? bridgeHidden, bridgeCell, initialHidden, initialCell, gradHidden, gradCell, gradEncoderHidden, gradEncoderCell, gradBridge, gradFeed;
    private RecurrentState? initialState;
    private int stepCount;
    private int batchSize;

    public TrainingPass(Seq2SeqNetwork network, float labelSmoothing)
    {
        this.network = network;
        this.labelSmoothing = labelSmoothing;
    }

    /// <summary>Runs the forward pass (training mode) and returns the mean loss per target token.</summary>
    /// <param name="source">Padded source ids (each ending with &lt;/s&gt;).</param>
    /// <param name="targets">Target ids of each batch column, without &lt;s&gt; and &lt;/s&gt;.</param>
    /// <param name="teacherForcing">Probability of reading the reference token at each step after the first.</param>
    /// <param name="random">Draws the scheduled-sampling choices (unused at ratio 1).</param>
    public float Forward(PaddedBatch source, IReadOnlyList<int[]> targets, float teacherForcing, RandomSource random)
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

        int tokens = targets.Sum(t => t.Length + 1);
        double total = 0;
        var state = initialState;
        Tensor? feed = null;
        for (int t = 0; t < stepCount; t++)
        {
            var logits = network.DecodeStep(inputs[t], state, feed, steps[t]);
            int count = CountLabels(labels[t]);
            total += (double)losses[t].Compute(logits, labels[t]) * count;
            var gradient = losses[t].Gradient.Span;
            TensorPrimitives.Multiply(gradient, count / (float)tokens, gradient);
            if (t + 1 < stepCount)
            {
                ChooseNextInputs(logits, t, teacherForcing, random);
            }

            state = steps[t].State!;
            feed = steps[t].Attended;
        }

        return (float)(total / tokens);
    }

    /// <summary>Backpropagates the latest <see cref="Forward"/>, accumulating every parameter's gradient.</summary>
    public void Backward()
    {
        int batch = batchSize, layers = network.NumLayers, h = network.HiddenSize;
        var gradState = new RecurrentState(
            Tensor.Ensure(ref gradHidden, [layers, batch, h]),
            network.BridgeCell is null ? null : Tensor.Ensure(ref gradCell, [layers, batch, h]));
        var feedGradient = Tensor.Ensure(ref gradFeed, [batch, network.AttendedSize]);
        for (int t = stepCount - 1; t >= 0; t--)
        {
            network.BackwardStep(steps[t], losses[t].Gradient, feedGradient, gradState, isLastStep: t == stepCount - 1);
        }

        int units = layers * network.Directions;
        var gradEncoder = new RecurrentState(
            Tensor.Ensure(ref gradEncoderHidden, [units, batch, network.EncoderHidden]),
            network.BridgeCell is null ? null : Tensor.Ensure(ref gradEncoderCell, [units, batch, network.EncoderHidden]));
        network.BackwardEncoder(initialState!, gradState, Tensor.Ensure(ref gradBridge, [layers, batch, h]), gradEncoder);
        network.AccumulateTiedGradients();
    }

    /// <summary>Step t reads inputs[t] and predicts labels[t]: yₜ while t &lt; n, &lt;/s&gt; at t = n, padding after.</summary>
    private void PrepareSteps(IReadOnlyList<int[]> targets)
    {
        int batch = targets.Count;
        while (steps.Count < stepCount)
        {
            steps.Add(new StepBuffers());
            losses.Add(new SoftmaxCrossEntropyLoss(ignoreIndex: Vocabulary.PadId, labelSmoothing: labelSmoothing));
            inputs.Add(Array.Empty<int>());
            labels.Add(Array.Empty<int>());
        }

        for (int t = 0; t < stepCount; t++)
        {
            if (labels[t].Length != batch)
            {
                labels[t] = new int[batch];
                inputs[t] = new int[batch];
            }

            for (int b = 0; b < batch; b++)
            {
                int n = targets[b].Length;
                labels[t][b] = t < n ? targets[b][t] : t == n ? Vocabulary.EndId : Vocabulary.PadId;
            }
        }

        inputs[0].AsSpan().Fill(Vocabulary.BeginId);
    }

    private void ChooseNextInputs(Tensor logits, int t, float teacherForcing, RandomSource random)
    {
        int batch = batchSize, vocabulary = logits.Dim(1);
        var next = inputs[t + 1];
        var rows = logits.Values;
        for (int b = 0; b < batch; b++)
        {
            int reference = labels[t][b];
            if (reference == Vocabulary.EndId || reference == Vocabulary.PadId)
            {
                next[b] = Vocabulary.PadId;
            }
            else
            {
                bool sample = teacherForcing < 1f && random.NextFloat() >= teacherForcing;
                next[b] = sample ? TensorPrimitives.IndexOfMax(rows.Slice(b * vocabulary, vocabulary)) : reference;
            }
        }
    }

    private static int CountLabels(int[] stepLabels)
    {
        int count = 0;
        foreach (int label in stepLabels)
        {
            count += label == Vocabulary.PadId ? 0 : 1;
        }

        return count;
    }
}
