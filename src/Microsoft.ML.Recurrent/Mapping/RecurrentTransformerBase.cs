using Microsoft.ML.Recurrent.Mapping;
using Microsoft.ML.Recurrent.Persistence;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// Base of the library's transformers: an ML.NET row-to-row mapping that appends the model's output columns to its
/// input, lazily, so <see cref="Transform"/>, prediction engines and cursors all work without copying the input.
/// Pipelines holding these transformers are saved with ML.NET's <c>mlContext.Model.Save</c> and loaded with
/// <c>mlContext.Model.Load</c>; a process that has not used this library before loading calls
/// <c>mlContext.ComponentCatalog.RegisterRecurrentTransformers()</c> first (see <see cref="RecurrentModelOperationsExtensions"/>).
/// </summary>
public abstract class RecurrentTransformerBase : ITransformer
{
    private protected RecurrentTransformerBase()
    {
    }

    /// <summary>Always true: each output row depends only on its input row (and, for forecasting, on the rows before it).</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>Columns this transformer appends.</summary>
    internal abstract IReadOnlyList<OutputColumn> OutputColumns { get; }

    /// <summary>Input columns the outputs are computed from.</summary>
    internal abstract IReadOnlyList<string> InputColumnNames { get; }

    /// <summary>
    /// Whether rows must be processed in order, each exactly once (forecasting keeps per-series history). Such
    /// transformers produce a single cursor and cannot shuffle.
    /// </summary>
    internal virtual bool IsStateful => false;

    /// <summary>Name under which the model's loader is registered (see <see cref="Persistence.RecurrentModelRegistry"/>).</summary>
    internal abstract string ModelKind { get; }

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => new RecurrentRowMapper(this, inputSchema).OutputSchema;

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new RecurrentRowMapper(this, inputSchema);

    /// <inheritdoc/>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new RecurrentDataView(input, new RecurrentRowMapper(this, input.Schema));
    }

    /// <summary>Writes this transformer into the ML.NET model file being saved (called by <c>mlContext.Model.Save</c>).</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => MlNetModelEntry.Save(this, ctx);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the column when <paramref name="inputSchema"/> lacks a needed column or has the wrong type.</summary>
    internal abstract void CheckInputSchema(DataViewSchema inputSchema);

    /// <summary>Creates the computation behind one output row or cursor.</summary>
    internal abstract RowComputation CreateComputation(DataViewRow input);

    /// <summary>Writes the model (everything needed to rebuild this transformer) to <paramref name="stream"/>.</summary>
    internal abstract void SaveModel(Stream stream);
}
