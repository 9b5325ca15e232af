using System.Globalization;

namespace Microsoft.ML.Recurrent.Data;

/// <summary>
/// Validates that an input schema (or an estimator's input schema shape) has the columns an estimator needs, with the
/// right types. Failures are <see cref="ArgumentOutOfRangeException"/>s, as in ML.NET, naming the column, its role, its
/// actual type and what was expected.
/// </summary>
internal static class SchemaCheck
{
    /// <summary>Returns column <paramref name="name"/> of <paramref name="schema"/>, which must be one of <paramref name="accepted"/>.</summary>
    public static DataViewSchema.Column Require(DataViewSchema schema, string name, string role, params ColumnKind[] accepted)
    {
        var column = schema.GetColumnOrNull(name)
            ?? throw Missing(name, role, schema.Where(c => !c.IsHidden).Select(c => c.Name));
        if (!accepted.Any(kind => Matches(column.Type, kind)))
        {
            throw WrongType(name, role, column.Type.ToString() ?? column.Type.RawType.Name, accepted);
        }

        return column;
    }

    /// <summary>Checks column <paramref name="name"/> of an estimator's input shape.</summary>
    public static SchemaShape.Column Require(SchemaShape shape, string name, string role, params ColumnKind[] accepted)
    {
        // The last column of a name is the visible one, as in a schema.
        var matches = shape.Where(c => c.Name == name).ToList();
        if (matches.Count == 0)
        {
            throw Missing(name, role, shape.Select(c => c.Name));
        }

        var column = matches[^1];
        if (!accepted.Any(kind => Matches(column, kind)))
        {
            throw WrongType(name, role, Describe(column), accepted);
        }

        return column;
    }

    /// <summary>Whether a column type is of the given kind.</summary>
    public static bool Matches(DataViewType type, ColumnKind kind) => kind switch
    {
        ColumnKind.Single => type == NumberDataViewType.Single,
        ColumnKind.SingleVector => type is VectorDataViewType { ItemType: var item } && item == NumberDataViewType.Single,
        ColumnKind.Text => type is TextDataViewType,
        ColumnKind.Key => type is KeyDataViewType,
        ColumnKind.KeyVector => type is VectorDataViewType { ItemType: KeyDataViewType },
        ColumnKind.Boolean => type is BooleanDataViewType,
        ColumnKind.DateTime => type is DateTimeDataViewType,
        _ => false,
    };

    private static bool Matches(SchemaShape.Column column, ColumnKind kind)
    {
        bool scalar = column.Kind == SchemaShape.Column.VectorKind.Scalar;
        return kind switch
        {
            ColumnKind.Single => scalar && column.ItemType == NumberDataViewType.Single,
            ColumnKind.SingleVector => !scalar && column.ItemType == NumberDataViewType.Single,
            ColumnKind.Text => scalar && column.ItemType is TextDataViewType,
            ColumnKind.Key => scalar && column.IsKey,
            ColumnKind.KeyVector => !scalar && column.IsKey,
            ColumnKind.Boolean => scalar && column.ItemType is BooleanDataViewType,
            ColumnKind.DateTime => scalar && column.ItemType is DateTimeDataViewType,
            _ => false,
        };
    }

    private static string Describe(SchemaShape.Column column) => column.Kind switch
    {
        SchemaShape.Column.VectorKind.Scalar => ItemName(column),
        _ => $"Vector<{ItemName(column)}>",
    };

    private static string ItemName(SchemaShape.Column column) =>
        column.IsKey ? $"Key<{column.ItemType.RawType.Name}>" : column.ItemType.ToString() ?? column.ItemType.RawType.Name;

    private static string Describe(ColumnKind kind) => kind switch
    {
        ColumnKind.Single => "Single",
        ColumnKind.SingleVector => "a vector of Single",
        ColumnKind.Text => "Text",
        ColumnKind.Key => "a key (for example from MapValueToKey)",
        ColumnKind.KeyVector => "a vector of keys (for example TokenizeIntoWords then MapValueToKey)",
        ColumnKind.Boolean => "Boolean",
        ColumnKind.DateTime => "DateTime",
        _ => kind.ToString(),
    };

    private static ArgumentOutOfRangeException Missing(string name, string role, IEnumerable<string> available) =>
        new("inputSchema", string.Format(
            CultureInfo.InvariantCulture,
            "Column '{0}' ({1}) was not found in the input. Available columns: {2}.",
            name,
            role,
            string.Join(", ", available.Distinct().Select(n => $"'{n}'"))));

    private static ArgumentOutOfRangeException WrongType(string name, string role, string actual, ColumnKind[] accepted) =>
        new("inputSchema", $"Column '{name}' ({role}) has type {actual}, but {string.Join(" or ", accepted.Select(Describe))} was expected.");
}
