namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>
/// The pointwise part of one recurrent cell type, applied one batch row at a time. The time loop,
/// matrix products, masking and directions live in <see cref="RecurrentDirection"/>; a cell only turns
/// pre-activations into a new state, and state gradients back into pre-activation gradients.
/// </summary>
/// <remarks>
/// Row buffers: <c>gates</c> [G·H] holds the input projection W_ih·x (plus W_hh·h when
/// <see cref="SeparateRecurrentProjection"/> is false) on entry and the cached activations on exit;
/// <c>recurrent</c> [G·H] is W_hh·h when it is kept separate. Biases are added here: <c>inputBias</c> is b_ih
/// (b_ih + b_hh when the projection is not separate) and <c>recurrentBias</c> is b_hh. <c>aux</c> [H] is a
/// per-cell cache for backward. H is the number of hidden units the row covers (a slice of the layer's units
/// when inference splits them over cores).
/// </remarks>
internal abstract class CellKernel
{
    /// <summary>Number of gate blocks G in the weight matrices (LSTM 4, GRU 3, RNN 1).</summary>
    public abstract int GateCount { get; }

    /// <summary>Whether the cell carries a memory cell c besides h (LSTM).</summary>
    public virtual bool HasCellState => false;

    /// <summary>Whether the recurrent projection must stay apart from the input projection (GRU's reset gate multiplies it).</summary>
    public virtual bool SeparateRecurrentProjection => false;

    /// <summary>Computes the new state for one row and caches activations for backward.</summary>
    public abstract void ForwardRow(
        Span<float> gates, ReadOnlySpan<float> recurrent, ReadOnlySpan<float> inputBias, ReadOnlySpan<float> recurrentBias, Span<float> aux,
        ReadOnlySpan<float> hPrev, ReadOnlySpan<float> cPrev, Span<float> hNew, Span<float> cNew);

    /// <summary>
    /// Backpropagates one valid row. <paramref name="dh"/> and <paramref name="dc"/> are the gradients with respect to the
    /// new h and c. Writes the input-projection gradient <paramref name="dInput"/>, the recurrent-projection gradient
    /// <paramref name="dRecurrent"/> (the same span as <paramref name="dInput"/> unless the projection is separate),
    /// the part of dh_prev that bypasses W_hh (<paramref name="dhDirect"/>) and dc_prev.
    /// </summary>
    public abstract void BackwardRow(
        ReadOnlySpan<float> gates, ReadOnlySpan<float> aux,
        ReadOnlySpan<float> hPrev, ReadOnlySpan<float> hNew, ReadOnlySpan<float> cPrev,
        ReadOnlySpan<float> dh, ReadOnlySpan<float> dc,
        Span<float> dInput, Span<float> dRecurrent, Span<float> dhDirect, Span<float> dcPrev);
}
