namespace Microsoft.ML.Recurrent.Mapping;

/// <summary>
/// The lazily transformed view returned by <see cref="RecurrentTransformerBase.Transform"/>: the input's rows with the
/// transformer's columns appended, computed only for rows and columns a cursor reads.
/// </summary>
internal sealed class RecurrentDataView : IDataView
{
    private readonly IDataView source;
    private readonly RecurrentRowMapper mapper;

    public RecurrentDataView(IDataView source, RecurrentRowMapper mapper)
    {
        this.source = source;
        this.mapper = mapper;
    }

    public bool CanShuffle => !mapper.Transformer.IsStateful && source.CanShuffle;

    public DataViewSchema Schema => mapper.OutputSchema;

    public long? GetRowCount() => source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        var cursor = source.GetRowCursor(mapper.GetDependencies(needed), mapper.Transformer.IsStateful ? null : rand);
        return new MappedCursor(cursor, mapper, needed, eager: true);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        if (mapper.Transformer.IsStateful || n <= 1)
        {
            return [GetRowCursor(needed, rand)];
        }

        return source.GetRowCursorSet(mapper.GetDependencies(needed), n, rand)
            .Select(cursor => (DataViewRowCursor)new MappedCursor(cursor, mapper, needed, eager: true))
            .ToArray();
    }
}
