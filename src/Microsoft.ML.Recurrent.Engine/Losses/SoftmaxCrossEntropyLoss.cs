using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Engine.Threading;

namespace Microsoft.ML.Recurrent.Engine.Losses;

/// <summary>
/// Softmax cross-entropy over class logits [N, C] and integer labels [N], with exactly the semantics of PyTorch's
/// <c>nn.CrossEntropyLoss(weight, ignore_index, label_smoothing)</c> and mean reduction: with ε the label smoothing and
/// w the class weights (all 1 by default), row i's target distribution is t_c = (1 − ε)·w_c·[c = yᵢ] + (ε/C)·w_c, its loss
/// is −Σ_c t_c·log softmax(zᵢ)_c, and the mean divides the sum over non-ignored rows by Σ_i w_yᵢ (the row count without
/// class weights). Log-softmax is computed stably (max-shifted, sums in double); large batches are split over the engine's
/// threads with results independent of the thread count. An instance is not thread safe.
/// </summary>
public sealed class SoftmaxCrossEntropyLoss
{
    private const int MinElementsPerPart = 1 << 15;
    private const int MaxParts = 64;

    private readonly float[]? classWeights;
    private readonly double classWeightTotal;
    private readonly double[] partLoss = new double[MaxParts];
    private readonly RowJob job;
    private Tensor? gradient;
    private Tensor? probabilities;
    private int[] labelBuffer = [];
    private float[] smoothingRow = [];

    // State of the call in progress, read by the row job.
    private Tensor? logits;
    private double normalizer;

    /// <summary>Creates the loss.</summary>
    /// <param name="ignoreIndex">Label value whose rows contribute nothing (PyTorch's default −100); may also be a valid class.</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the share of each target spread uniformly over all classes.</param>
    /// <param name="classWeights">Optional finite, non-negative weight per class (length C); null weighs classes equally.</param>
    /// <exception cref="ArgumentException"><paramref name="labelSmoothing"/> is outside [0, 1] or a class weight is negative or not finite.</exception>
    public SoftmaxCrossEntropyLoss(int ignoreIndex = -100, float labelSmoothing = 0f, IReadOnlyList<float>? classWeights = null)
    {
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f))
        {
            throw new ArgumentOutOfRangeException(
                nameof(labelSmoothing), labelSmoothing, $"Parameter 'labelSmoothing' is {LossGuard.Format(labelSmoothing)}; it must be in [0, 1].");
        }

        if (classWeights is not null)
        {
            this.classWeights = [.. classWeights];
            if (this.classWeights.Length == 0)
            {
                throw new ArgumentException("Parameter 'classWeights' is empty; pass one weight per class, or null.", nameof(classWeights));
            }

            LossGuard.NonNegative(this.classWeights, nameof(classWeights), [this.classWeights.Length]);
            classWeightTotal = LossMath.Sum(this.classWeights);
            ClassWeights = Array.AsReadOnly(this.classWeights);
        }

        IgnoreIndex = ignoreIndex;
        LabelSmoothing = labelSmoothing;
        job = new RowJob(this);
    }

    /// <summary>Label value whose rows are ignored.</summary>
    public int IgnoreIndex { get; }

    /// <summary>Label smoothing ε.</summary>
    public float LabelSmoothing { get; }

    /// <summary>Per-class weights, or null when classes are weighed equally.</summary>
    public IReadOnlyList<float>? ClassWeights { get; }

    /// <summary>
    /// Gradient of the last computed mean loss with respect to the logits, [N, C]; zero on ignored rows. Owned by the
    /// loss and overwritten (reused when the shape fits) by the next <see cref="Compute"/>.
    /// </summary>
    public Tensor Gradient => gradient ??= new Tensor(0, 0);

    /// <summary>Softmax of the last call's logits, [N, C], for every row including ignored ones. Overwritten by the next call.</summary>
    public Tensor Probabilities => probabilities ??= new Tensor(0, 0);

    /// <summary>Returns the mean cross-entropy and writes its gradient to <see cref="Gradient"/> and the softmax to <see cref="Probabilities"/>.</summary>
    /// <param name="logits">Unnormalised class scores [N, C], N ≥ 1 and C ≥ 1; must be finite.</param>
    /// <param name="labels">Target class of each row, in [0, C) or equal to <see cref="IgnoreIndex"/>.</param>
    /// <exception cref="ArgumentException">
    /// The shapes disagree, a logit is not finite, a label is out of range, every label is ignored, or every target class has weight 0.
    /// </exception>
    public float Compute(Tensor logits, ReadOnlySpan<int> labels)
    {
        Guard.Shape(logits, nameof(logits), -1, -1);
        int rows = logits.Dim(0), classes = logits.Dim(1);
        if (rows == 0 || classes == 0)
        {
            throw new ArgumentException(
                $"Parameter 'logits' has shape {Tensor.FormatShape(logits.Shape)}; at least one row and one class are required.", nameof(logits));
        }

        if (labels.Length != rows)
        {
            throw new ArgumentException(
                $"Parameter 'labels' has {labels.Length} entries, but 'logits' has {rows} rows (shape {Tensor.FormatShape(logits.Shape)}).",
                nameof(labels));
        }

        if (classWeights is not null && classWeights.Length != classes)
        {
            throw new ArgumentException(
                $"Parameter 'logits' has {classes} classes (shape {Tensor.FormatShape(logits.Shape)}), but the loss was created with {classWeights.Length} class weights.",
                nameof(logits));
        }

        LossGuard.Finite(logits, nameof(logits));
        normalizer = TargetWeightTotal(labels, classes);

        if (labelBuffer.Length < rows)
        {
            labelBuffer = new int[rows];
        }

        labels.CopyTo(labelBuffer);
        LossMath.Workspace(ref gradient, logits.Shape);
        LossMath.Workspace(ref probabilities, logits.Shape);
        PrepareSmoothingRow(classes);

        int parts = (int)Math.Clamp((long)rows * classes / MinElementsPerPart, 1, Math.Min(MaxParts, rows));
        this.logits = logits;
        try
        {
            if (parts == 1)
            {
                ComputePart(0, 1);
            }
            else
            {
                WorkerPool.Run(job, parts);
            }
        }
        finally
        {
            this.logits = null;
        }

        double total = 0;
        for (int part = 0; part < parts; part++)
        {
            total += partLoss[part];
        }

        return (float)(total / normalizer);
    }

    /// <summary>Validates the labels and returns the mean's normaliser, Σ over non-ignored rows of the target class's weight.</summary>
    private double TargetWeightTotal(ReadOnlySpan<int> labels, int classes)
    {
        double total = 0;
        int used = 0;
        for (int row = 0; row < labels.Length; row++)
        {
            int label = labels[row];
            if (label == IgnoreIndex)
            {
                continue;
            }

            if ((uint)label >= (uint)classes)
            {
                throw new ArgumentException(
                    $"Parameter 'labels' has the value {label} at row {row}; labels must be class indices in [0, {classes}) or the ignore index {IgnoreIndex}.",
                    nameof(labels));
            }

            total += classWeights is null ? 1.0 : classWeights[label];
            used++;
        }

        if (used == 0)
        {
            throw new ArgumentException(
                $"Parameter 'labels' has all {labels.Length} entries equal to the ignore index {IgnoreIndex}; at least one row needs a target class.",
                nameof(labels));
        }

        if (!(total > 0))
        {
            throw new ArgumentException(
                "Parameter 'labels' selects only classes whose class weight is 0, so the weighted mean is undefined.", nameof(labels));
        }

        return total;
    }

    /// <summary>Fills the label-independent part of each gradient row, −(ε/C)·w_c / normaliser.</summary>
    private void PrepareSmoothingRow(int classes)
    {
        if (LabelSmoothing == 0f)
        {
            return;
        }

        if (smoothingRow.Length < classes)
        {
            smoothingRow = new float[classes];
        }

        double share = -LabelSmoothing / (double)classes / normalizer;
        for (int c = 0; c < classes; c++)
        {
            smoothingRow[c] = (float)(share * (classWeights is null ? 1f : classWeights[c]));
        }
    }

    /// <summary>Softmax, loss and gradient for the rows of part <paramref name="part"/>; stores the part's unnormalised loss sum.</summary>
    private void ComputePart(int part, int parts)
    {
        var input = logits!;
        int rows = input.Dim(0), classes = input.Dim(1);
        int start = (int)((long)rows * part / parts), end = (int)((long)rows * (part + 1) / parts);
        ReadOnlySpan<float> z = input.Span;
        Span<float> probs = probabilities!.Span, g = gradient!.Span;
        double epsilon = LabelSmoothing, keep = 1.0 - epsilon, smoothingPerClass = epsilon / classes;
        double weightTotal = classWeights is null ? classes : classWeightTotal;
        ReadOnlySpan<float> smoothing = smoothingRow.AsSpan(0, epsilon > 0 ? classes : 0);
        double total = 0;
        for (int row = start; row < end; row++)
        {
            int offset = row * classes;
            var zRow = z.Slice(offset, classes);
            var pRow = probs.Slice(offset, classes);
            float max = TensorPrimitives.Max(zRow);
            double sum = LossMath.ExpShifted(zRow, max, pRow);
            var gRow = g.Slice(offset, classes);
            int label = labelBuffer[row];
            if (label == IgnoreIndex)
            {
                TensorPrimitives.Multiply(pRow, (float)(1.0 / sum), pRow);
                gRow.Clear();
                continue;
            }

            double logSumExp = max + Math.Log(sum);
            double labelWeight = classWeights is null ? 1.0 : classWeights[label];
            double rowLoss = keep * labelWeight * (logSumExp - zRow[label]);
            double targetMass = keep * labelWeight;
            if (epsilon > 0)
            {
                double weightedLogits = classWeights is null ? LossMath.Sum(zRow) : LossMath.Dot(classWeights, zRow);
                rowLoss += smoothingPerClass * (weightTotal * logSumExp - weightedLogits);
                targetMass += smoothingPerClass * weightTotal;
            }

            // ∂loss/∂z = (targetMass·softmax − target) / normaliser; the smoothed part of the target is in 'smoothing'.
            LossMath.NormalizeAndScale(pRow, (float)(1.0 / sum), (float)(targetMass / normalizer), smoothing, gRow);
            gRow[label] -= (float)(keep * labelWeight / normalizer);
            total += rowLoss;
        }

        partLoss[part] = total;
    }

    private sealed class RowJob(SoftmaxCrossEntropyLoss owner) : ParallelJob
    {
        public override void Execute(int part, int partCount) => owner.ComputePart(part, partCount);
    }
}
