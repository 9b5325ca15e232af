using Microsoft.ML.Data;

namespace Microsoft.ML.Recurrent.Mapping;

/// <summary>A column a recurrent transformer appends to its input.</summary>
/// <param name="Name">Column name; hides an input column of the same name, as ML.NET transforms do.</param>
/// <param name="Type">Column type.</param>
internal sealed record OutputColumn(string Name, DataViewType Type)
{
    /// <summary>A known-size vector of <see cref="float"/>.</summary>
    public static OutputColumn SingleVector(string name, int size) => new(name, new VectorDataViewType(NumberDataViewType.Single, size));
}
