using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>
/// Activations one layer-direction keeps from forward for backward. All are time-ordered.
/// <see cref="States"/> has T+1 slots: for the forward direction slot t is the state before time t
/// (slot 0 = initial); for the reverse direction slot t is the state after processing time t (slot T = initial).
/// Either way the previous states of times 0..T-1 form one contiguous [T·B, H] block, which makes the
/// recurrent weight gradient a single matrix product.
/// </summary>
internal sealed class DirectionBuffers
{
    /// <summary>[T, B, G·H]: input projection, then the cell's cached activations.</summary>
    public Tensor? Gates;

    /// <summary>[T, B, H]: per-cell cache (LSTM tanh(c), GRU W_hn·h + b_hn).</summary>
    public Tensor? Aux;

    /// <summary>[T+1, B, H]: hidden states.</summary>
    public Tensor? States;

    /// <summary>[T+1, B, H]: LSTM memory cells, same slots as <see cref="States"/>.</summary>
    public Tensor? Cells;

    /// <summary>[B, G·H]: scratch for a separate recurrent projection (GRU).</summary>
    public Tensor? Recurrent;

    /// <summary>All of this direction's weights, packed for this evaluation-mode frame (per frame, so concurrent passes do not share them).</summary>
    public readonly UnitSliceWeights Weights = new();
}

/// <summary>Backward-pass workspace of one layer-direction; reused by every frame.</summary>
internal sealed class DirectionGradients
{
    /// <summary>[T, B, G·H]: gradient with respect to the input projection.</summary>
    public Tensor? Input;

    /// <summary>[T, B, G·H]: gradient with respect to the recurrent projection (only when it is separate).</summary>
    public Tensor? Recurrent;

    /// <summary>[2, B, H]: ping-pong hidden-state gradients.</summary>
    public Tensor? Hidden;

    /// <summary>[2, B, H]: ping-pong memory-cell gradients.</summary>
    public Tensor? Cell;
}
