namespace Microsoft.ML.Recurrent.Data;

/// <summary>The check every options class makes on the column names it is given.</summary>
internal static class ColumnNameCheck
{
    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="optionsType"/>.<paramref name="option"/> when it does not name a column.</summary>
    public static void Require(string? name, string optionsType, string option)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"{optionsType}.{option} must name a column.", option);
        }
    }
}
