using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Training;

/// <summary>
/// Truncated backpropagation through time for long or endless sequences: the caller feeds consecutive windows
/// [window, batch, features]; each window starts from the state the previous one ended in (carried forward,
/// as in a stateful RNN), but gradients stop at window boundaries. Full BPTT is one window spanning the sequence.
/// </summary>
public sealed class TruncatedBptt
{
    private readonly RecurrentLayer layer;
    private readonly Tensor carriedHidden;
    private readonly Tensor? carriedCell;
    private readonly RecurrentState carried;
    private bool hasState;

    /// <summary>Creates a runner for <paramref name="layer"/> and a fixed batch size.</summary>
    public TruncatedBptt(RecurrentLayer layer, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(layer);
        Guard.Positive(batchSize, nameof(batchSize));
        this.layer = layer;
        BatchSize = batchSize;
        carriedHidden = new Tensor(layer.NumLayers * layer.NumDirections, batchSize, layer.HiddenSize);
        carriedCell = layer.HasCellState ? new Tensor(carriedHidden.Shape.ToArray()) : null;
        carried = new RecurrentState(carriedHidden, carriedCell);
    }

    /// <summary>Number of parallel streams.</summary>
    public int BatchSize { get; }

    /// <summary>The state carried into the next window (zeros after <see cref="Reset"/>).</summary>
    public RecurrentState State => carried;

    /// <summary>Forgets the carried state; the next window starts from zeros.</summary>
    public void Reset()
    {
        carriedHidden.Clear();
        carriedCell?.Clear();
        hasState = false;
    }

    /// <summary>Runs the layer over the next window and carries its final state (detached) forward.</summary>
    public RecurrentOutput Forward(Tensor window)
    {
        Guard.Shape(window, nameof(window), -1, BatchSize, layer.InputSize);
        var result = layer.Forward(window, default, hasState ? carried : null);
        result.FinalState.Hidden.Span.CopyTo(carriedHidden.Span);
        result.FinalState.Cell?.Span.CopyTo(carriedCell!.Span);
        hasState = true;
        return result;
    }

    /// <summary>Backpropagates within the latest window only; the gradient reaching its initial state is dropped.</summary>
    public Tensor? Backward(Tensor gradOutput) => layer.Backward(gradOutput).Input;
}
