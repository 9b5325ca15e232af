namespace Microsoft.ML.Recurrent.Mapping;

/// <summary>
/// The row-to-row mapper of a <see cref="RecurrentTransformerBase"/>: the input schema plus the transformer's output
/// columns, and rows whose output getters run the transformer's <see cref="RowComputation"/>.
/// </summary>
internal sealed class RecurrentRowMapper : IRowToRowMapper
{
    private readonly RecurrentTransformerBase transformer;
    private readonly int[] inputColumnIndices;

    public RecurrentRowMapper(RecurrentTransformerBase transformer, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        transformer.CheckInputSchema(inputSchema);
        this.transformer = transformer;
        InputSchema = inputSchema;
        inputColumnIndices = transformer.InputColumnNames.Select(name => inputSchema[name].Index).ToArray();
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        foreach (var column in transformer.OutputColumns)
        {
            builder.AddColumn(column.Name, column.Type, column.Annotations);
        }

        OutputSchema = builder.ToSchema();
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    public RecurrentTransformerBase Transformer => transformer;

    /// <summary>Index of the first appended column in <see cref="OutputSchema"/>.</summary>
    public int FirstOutputIndex => InputSchema.Count;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var needed = new HashSet<int>();
        foreach (var column in dependingColumns)
        {
            if (column.Index < FirstOutputIndex)
            {
                needed.Add(column.Index);
            }
            else
            {
                needed.UnionWith(inputColumnIndices);
            }
        }

        return needed.Order().Select(index => InputSchema[index]);
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new MappedCursor(input, this, activeColumns, eager: false);

    /// <summary>Whether any appended column is among <paramref name="columns"/>.</summary>
    public bool NeedsOutputs(IEnumerable<DataViewSchema.Column> columns) => columns.Any(c => c.Index >= FirstOutputIndex);
}
