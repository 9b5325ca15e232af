namespace Microsoft.ML.Recurrent.Data;

/// <summary>Reads whole columns of an <see cref="IDataView"/> into arrays (for fitting models on in-memory data).</summary>
internal static class DataViewColumns
{
    /// <summary>Reads a column's values with a getter of type <typeparamref name="T"/>, converted by <paramref name="convert"/>.</summary>
    public static List<TResult> Read<T, TResult>(IDataView data, DataViewSchema.Column column, Func<T, TResult> convert)
    {
        var values = new List<TResult>();
        using var cursor = data.GetRowCursor([column]);
        var getter = cursor.GetGetter<T>(column);
        T value = default!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(convert(value));
        }

        return values;
    }

    /// <summary>Reads a <see cref="float"/> column.</summary>
    public static float[] ReadSingles(IDataView data, DataViewSchema.Column column) => Read<float, float>(data, column, v => v).ToArray();

    /// <summary>Reads a vector-of-<see cref="float"/> column into dense arrays.</summary>
    public static float[][] ReadSingleVectors(IDataView data, DataViewSchema.Column column) =>
        Read<VBuffer<float>, float[]>(data, column, v => v.DenseValues().ToArray()).ToArray();

    /// <summary>Reads a text column.</summary>
    public static string[] ReadText(IDataView data, DataViewSchema.Column column) =>
        Read<ReadOnlyMemory<char>, string>(data, column, v => v.ToString()).ToArray();

    /// <summary>Reads a <see cref="DateTime"/> column.</summary>
    public static DateTime[] ReadDateTimes(IDataView data, DataViewSchema.Column column) => Read<DateTime, DateTime>(data, column, v => v).ToArray();

    /// <summary>
    /// Reads any scalar column as text: used for series identifiers, which may be text, keys or numbers.
    /// </summary>
    public static string[] ReadAsText(IDataView data, DataViewSchema.Column column) => column.Type switch
    {
        TextDataViewType => ReadText(data, column),
        KeyDataViewType { RawType: var raw } when raw == typeof(uint) => Read<uint, string>(data, column, v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        _ when column.Type == NumberDataViewType.Single => Read<float, string>(data, column, v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        _ when column.Type == NumberDataViewType.Double => Read<double, string>(data, column, v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        _ when column.Type == NumberDataViewType.Int32 => Read<int, string>(data, column, v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' has type {column.Type}; an identifier column must be text, a key, Single, Double or Int32."),
    };
}
