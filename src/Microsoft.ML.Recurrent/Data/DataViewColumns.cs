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

    /// <summary>
    /// Reads a key-vector column (for example TokenizeIntoWords then MapValueToKey) as 0-based ids per row; ML.NET keys
    /// count from 1 and use 0 for a missing key, which is returned as -1.
    /// </summary>
    public static int[][] ReadKeyVectors(IDataView data, DataViewSchema.Column column) =>
        Read<VBuffer<uint>, int[]>(data, column, v => v.DenseValues().Select(key => (int)key - 1).ToArray()).ToArray();

    /// <summary>Reads a key column (for example a label from MapValueToKey) as 0-based ids; a missing key is -1.</summary>
    public static int[] ReadKeys(IDataView data, DataViewSchema.Column column) => Read<uint, int>(data, column, key => (int)key - 1).ToArray();

    /// <summary>Reads a <see cref="bool"/> column.</summary>
    public static bool[] ReadBooleans(IDataView data, DataViewSchema.Column column) => Read<bool, bool>(data, column, v => v).ToArray();

    /// <summary>The text values of a key column's keys, from its KeyValues annotation (empty when it has none).</summary>
    public static string[] KeyNames(DataViewSchema.Column column)
    {
        if (!column.HasKeyValues(TextDataViewType.Instance))
        {
            return [];
        }

        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetKeyValues(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    /// <summary>Reads a <see cref="DateTime"/> column.</summary>
    public static DateTime[] ReadDateTimes(IDataView data, DataViewSchema.Column column) => Read<DateTime, DateTime>(data, column, v => v).ToArray();

    /// <summary>
    /// Reads any scalar column as text: used for series identifiers, which may be text, keys or numbers.
    /// </summary>
    public static string[] ReadAsText(IDataView data, DataViewSchema.Column column)
    {
        var values = new List<string>();
        using var cursor = data.GetRowCursor([column]);
        var read = TextGetter(cursor, column);
        while (cursor.MoveNext())
        {
            values.Add(read());
        }

        return values.ToArray();
    }

    /// <summary>
    /// A reader of the current row's value of a text, UInt32-key, Single, Double or Int32 column as text (numbers in
    /// invariant round-trip form), so identifiers compare equal however they are stored.
    /// </summary>
    public static Func<string> TextGetter(DataViewRow row, DataViewSchema.Column column)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        return column.Type switch
        {
            TextDataViewType => Convert<ReadOnlyMemory<char>>(row, column, v => v.ToString()),
            KeyDataViewType { RawType: var raw } when raw == typeof(uint) => Convert<uint>(row, column, v => v.ToString(culture)),
            _ when column.Type == NumberDataViewType.Single => Convert<float>(row, column, v => v.ToString("R", culture)),
            _ when column.Type == NumberDataViewType.Double => Convert<double>(row, column, v => v.ToString("R", culture)),
            _ when column.Type == NumberDataViewType.Int32 => Convert<int>(row, column, v => v.ToString(culture)),
            _ => throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' has type {column.Type}; an identifier column must be text, a UInt32 key, Single, Double or Int32."),
        };
    }

    private static Func<string> Convert<T>(DataViewRow row, DataViewSchema.Column column, Func<T, string> convert)
    {
        var getter = row.GetGetter<T>(column);
        T value = default!;
        return () =>
        {
            getter(ref value);
            return convert(value);
        };
    }
}
