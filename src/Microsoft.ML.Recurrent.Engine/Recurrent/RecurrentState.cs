using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>
/// The state of a recurrent layer, laid out as PyTorch's <c>(h_n, c_n)</c>: <see cref="Hidden"/> is
/// [numLayers·numDirections, batch, hiddenSize], ordered layer 0 forward, layer 0 backward, layer 1 forward, …
/// <see cref="Cell"/> has the same shape and exists only for LSTM.
/// </summary>
public sealed class RecurrentState
{
    /// <summary>Wraps state tensors.</summary>
    public RecurrentState(Tensor hidden, Tensor? cell = null)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        if (hidden.Rank != 3)
        {
            throw new ArgumentException($"Parameter 'hidden' must be [layers·directions, batch, hiddenSize], but has shape {Tensor.FormatShape(hidden.Shape)}.", nameof(hidden));
        }

        if (cell is not null && !cell.HasShape(hidden.Shape))
        {
            throw new ArgumentException($"Parameter 'cell' has shape {Tensor.FormatShape(cell.Shape)}, but must match hidden's {Tensor.FormatShape(hidden.Shape)}.", nameof(cell));
        }

        Hidden = hidden;
        Cell = cell;
    }

    /// <summary>Hidden state h, [layers·directions, batch, hiddenSize].</summary>
    public Tensor Hidden { get; }

    /// <summary>LSTM memory cell c, same shape as <see cref="Hidden"/>; null for GRU and RNN.</summary>
    public Tensor? Cell { get; }
}
