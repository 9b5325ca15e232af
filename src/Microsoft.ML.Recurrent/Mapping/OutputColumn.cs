using Microsoft.ML.Data;

namespace Microsoft.ML.Recurrent.Mapping;

/// <summary>A column a recurrent transformer appends to its input.</summary>
/// <param name="Name">Column name; hides an input column of the same name, as ML.NET transforms do.</param>
/// <param name="Type">Column type.</param>
/// <param name="Annotations">The column's annotations (for example a predicted label's key values), or null for none.</param>
internal sealed record OutputColumn(string Name, DataViewType Type, DataViewSchema.Annotations? Annotations = null)
{
    /// <summary>A known-size vector of <see cref="float"/>.</summary>
    public static OutputColumn SingleVector(string name, int size) => new(name, new VectorDataViewType(NumberDataViewType.Single, size));
}
