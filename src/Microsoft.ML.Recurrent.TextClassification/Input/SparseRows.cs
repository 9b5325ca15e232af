namespace Microsoft.ML.Recurrent.TextClassification.Input;

/// <summary>
/// Extra feature vectors stored by their non-zero entries (compressed rows). An n-gram bag has tens of thousands of
/// columns but a few dozen non-zeros per text, so each row is read once and only its non-zeros are kept: a caller may
/// pass a list that builds each dense row on demand.
/// </summary>
internal sealed class SparseRows
{
    private readonly int[] starts;
    private readonly int[] columns;
    private readonly float[] values;

    private SparseRows(int width, int[] starts, int[] columns, float[] values)
    {
        Width = width;
        this.starts = starts;
        this.columns = columns;
        this.values = values;
    }

    /// <summary>Length of every dense row.</summary>
    public int Width { get; }

    /// <summary>Number of rows.</summary>
    public int Count => starts.Length - 1;

    /// <summary>Column indices of row <paramref name="row"/>'s non-zeros, ascending.</summary>
    public ReadOnlySpan<int> Columns(int row) => columns.AsSpan(starts[row], starts[row + 1] - starts[row]);

    /// <summary>Values of row <paramref name="row"/>'s non-zeros, in the order of <see cref="Columns"/>.</summary>
    public ReadOnlySpan<float> Values(int row) => values.AsSpan(starts[row], starts[row + 1] - starts[row]);

    /// <summary>
    /// Reads and checks the dense rows: one per input, none null, every one of length <paramref name="width"/> (or, when
    /// null, of the first row's length) and finite. Errors name the parameter, the row and what was expected.
    /// </summary>
    public static SparseRows From(IReadOnlyList<float[]> rows, int expectedCount, int? width, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(rows, parameterName);
        if (rows.Count != expectedCount)
        {
            throw new ArgumentException($"Parameter '{parameterName}' has {rows.Count} rows, but there are {expectedCount} inputs; give one feature vector per input.", parameterName);
        }

        var starts = new int[expectedCount + 1];
        var columns = new List<int>();
        var values = new List<float>();
        int expected = width ?? -1;
        for (int r = 0; r < expectedCount; r++)
        {
            var row = rows[r] ?? throw new ArgumentException($"Parameter '{parameterName}' has a null row at index {r}.", parameterName);
            if (expected < 0)
            {
                expected = row.Length > 0 ? row.Length
                    : throw new ArgumentException($"Parameter '{parameterName}' has an empty row at index 0; pass null for no extra features.", parameterName);
            }

            if (row.Length != expected)
            {
                string reference = width is null ? "the length of row 0" : "the number the model was trained with";
                throw new ArgumentException($"Parameter '{parameterName}' has {row.Length} values at row {r}, but {expected} were expected ({reference}).", parameterName);
            }

            for (int c = 0; c < row.Length; c++)
            {
                float value = row[c];
                if (!float.IsFinite(value))
                {
                    throw new ArgumentException($"Parameter '{parameterName}' has the value {value} at row {r}, index {c}; extra features must be finite.", parameterName);
                }

                if (value != 0f)
                {
                    columns.Add(c);
                    values.Add(value);
                }
            }

            starts[r + 1] = columns.Count;
        }

        return new SparseRows(expected, starts, columns.ToArray(), values.ToArray());
    }
}
