namespace Microsoft.ML.Recurrent.Mapping;

/// <summary>
/// Computes a transformer's output columns for the current row of one input row or cursor. All outputs of a row are
/// computed together, once per input position, and the getters read the cached results. One instance per cursor or
/// per <see cref="Microsoft.ML.Data.IRowToRowMapper.GetRow"/> call, so instances need not be thread safe.
/// </summary>
internal abstract class RowComputation
{
    private long computedPosition = -1;

    protected RowComputation(DataViewRow input) => Input = input;

    /// <summary>The input row; its getters give the current row's values.</summary>
    protected DataViewRow Input { get; }

    /// <summary>Returns a getter for output column <paramref name="outputIndex"/> (index into the transformer's outputs).</summary>
    public abstract Delegate CreateGetter(int outputIndex);

    /// <summary>
    /// Called for every row a cursor moves to, whether or not an output is read, so stateful transformers (forecasting)
    /// see every observation in order.
    /// </summary>
    public void OnRowChanged() => EnsureComputed();

    /// <summary>Computes the outputs for the current input row unless already done.</summary>
    protected void EnsureComputed()
    {
        long position = Input.Position;
        if (position != computedPosition)
        {
            Compute();
            computedPosition = position;
        }
    }

    /// <summary>Computes every output of the current input row.</summary>
    protected abstract void Compute();

    /// <summary>Builds a getter that computes on demand and copies from <paramref name="read"/>.</summary>
    protected ValueGetter<T> Getter<T>(ValueGetter<T> read) => (ref T value) =>
    {
        EnsureComputed();
        read(ref value);
    };
}
