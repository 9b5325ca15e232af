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
    public static SchemaShape Append(SchemaShape input, IEnumerable<OutputColumn> columns)
    {
        var added = columns.ToList();
        var names = added.Select(c => c.Name).ToHashSet();
        return new SchemaShape(input.Where(c => !names.Contains(c.Name)).Concat(added.Select(Create)));
    }

    /// <summary>The shape of a column of the given name and type.</summary>
    public static SchemaShape.Column Create(OutputColumn column)
    {
        var (kind, item) = column.Type switch
        {
            VectorDataViewType { Size: > 0 } vector => (SchemaShape.Column.VectorKind.Vector, vector.ItemType),
            VectorDataViewType vector => (SchemaShape.Column.VectorKind.VariableVector, vector.ItemType),
            var scalar => (SchemaShape.Column.VectorKind.Scalar, scalar),
        };
        return (SchemaShape.Column)ColumnConstructor.Invoke([column.Name, kind, item, item is KeyDataViewType, null]);
    }
}
