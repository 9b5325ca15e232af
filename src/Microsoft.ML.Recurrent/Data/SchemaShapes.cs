using System.Reflection;
using Microsoft.ML.Recurrent.Mapping;

namespace Microsoft.ML.Recurrent.Data;

/// <summary>
/// Builds the <see cref="SchemaShape"/> an estimator's GetOutputSchema returns. ML.NET 5.0 offers no public way to
/// create a <see cref="SchemaShape.Column"/> (its constructor is internal), so this calls that constructor by
/// reflection, once per column. The constructor's signature is checked when first used.
/// </summary>
internal static class SchemaShapes
{
    private static readonly ConstructorInfo ColumnConstructor =
        typeof(SchemaShape.Column).GetConstructor(
            BindingFlags.Instance | BindingFlags.NonPublic,
            [typeof(string), typeof(SchemaShape.Column.VectorKind), typeof(DataViewType), typeof(bool), typeof(SchemaShape)])
        ?? throw new MissingMethodException(
            "Microsoft.ML.Recurrent needs Microsoft.ML 5.0.x: SchemaShape.Column has no constructor (string, VectorKind, DataViewType, bool, SchemaShape).");

    /// <summary>Returns <paramref name="input"/> with <paramref name="columns"/> appended (replacing input columns of the same names).</summary>
    public static SchemaShape Append(SchemaShape input, IEnumerable<OutputColumn> columns) => Append(input, columns.Select(Create));

    /// <summary>Returns <paramref name="input"/> with the column shapes <paramref name="columns"/> appended (replacing input columns of the same names).</summary>
    public static SchemaShape Append(SchemaShape input, IEnumerable<SchemaShape.Column> columns)
    {
        var added = columns.ToList();
        var names = added.Select(c => c.Name).ToHashSet();
        return new SchemaShape(input.Where(c => !names.Contains(c.Name)).Concat(added));
    }

    /// <summary>The shape of a column of the given name, type and annotations.</summary>
    public static SchemaShape.Column Create(OutputColumn column)
    {
        var annotations = column.Annotations is null
            ? null
            : new SchemaShape(column.Annotations.Schema.Select(a => Create(new OutputColumn(a.Name, a.Type))));
        var (kind, item) = column.Type switch
        {
            VectorDataViewType { Size: > 0 } vector => (SchemaShape.Column.VectorKind.Vector, vector.ItemType),
            VectorDataViewType vector => (SchemaShape.Column.VectorKind.VariableVector, vector.ItemType),
            var scalar => (SchemaShape.Column.VectorKind.Scalar, scalar),
        };
        return Create(column.Name, kind, item, annotations);
    }

    /// <summary>The shape of a column from its parts, for columns whose exact type is known only after fitting.</summary>
    /// <remarks>As in ML.NET's own shapes, a key column is described by its raw type (for example UInt32) with isKey set.</remarks>
    public static SchemaShape.Column Create(string name, SchemaShape.Column.VectorKind kind, DataViewType itemType, SchemaShape? annotations, bool isKey = false)
    {
        if (itemType is KeyDataViewType key)
        {
            itemType = key.RawType == typeof(uint) ? NumberDataViewType.UInt32 : throw new NotSupportedException($"Key columns of raw type {key.RawType.Name} are not supported; use UInt32 keys.");
            isKey = true;
        }

        return (SchemaShape.Column)ColumnConstructor.Invoke([name, kind, itemType, isKey, annotations]);
    }
}
