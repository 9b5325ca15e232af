namespace Microsoft.ML.Recurrent.Mapping;

/// <summary>
/// An input row or cursor with a transformer's output columns appended. Input columns pass straight through; output
/// getters come from one <see cref="RowComputation"/>, created only when an output column is active.
/// </summary>
internal sealed class MappedCursor : DataViewRowCursor
{
    private readonly DataViewRow input;
    private readonly RecurrentRowMapper mapper;
    private readonly bool[] active;
    private readonly RowComputation? computation;
    private readonly bool eager;

    /// <param name="input">The input row (a cursor when this is a cursor).</param>
    /// <param name="mapper">The mapper that defines the schema.</param>
    /// <param name="activeColumns">Active columns of the output schema.</param>
    /// <param name="eager">Compute outputs for every row the cursor moves to (stateful transformers see each row).</param>
    public MappedCursor(DataViewRow input, RecurrentRowMapper mapper, IEnumerable<DataViewSchema.Column> activeColumns, bool eager)
    {
        this.input = input;
        this.mapper = mapper;
        active = new bool[mapper.OutputSchema.Count];
        foreach (var column in activeColumns)
        {
            active[column.Index] = true;
        }

        if (mapper.NeedsOutputs(activeColumns))
        {
            computation = mapper.Transformer.CreateComputation(input);
        }

        this.eager = eager && computation is not null && mapper.Transformer.IsStateful;
    }

    public override DataViewSchema Schema => mapper.OutputSchema;

    public override long Position => input.Position;

    public override long Batch => input.Batch;

    public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => active[column.Index];

    public override bool MoveNext()
    {
        if (input is not DataViewRowCursor cursor || !cursor.MoveNext())
        {
            return false;
        }

        if (eager)
        {
            computation!.OnRowChanged();
        }

        return true;
    }

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!active[column.Index])
        {
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor; request it when creating the cursor.");
        }

        if (column.Index < mapper.FirstOutputIndex)
        {
            return input.GetGetter<TValue>(input.Schema[column.Index]);
        }

        var getter = computation!.CreateGetter(column.Index - mapper.FirstOutputIndex);
        return getter as ValueGetter<TValue> ?? throw new InvalidOperationException(
            $"Column '{column.Name}' has type {column.Type}; a getter of {typeof(TValue).Name} was requested.");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && input is DataViewRowCursor cursor)
        {
            cursor.Dispose();
        }

        base.Dispose(disposing);
    }
}
