namespace Microsoft.ML.Recurrent.Data;

/// <summary>Kinds of input columns the estimators accept.</summary>
internal enum ColumnKind
{
    /// <summary>A <see cref="float"/> scalar.</summary>
    Single,

    /// <summary>A vector of <see cref="float"/> (known or variable size).</summary>
    SingleVector,

    /// <summary>Text.</summary>
    Text,

    /// <summary>A key (for example a label from MapValueToKey).</summary>
    Key,

    /// <summary>A vector of keys (for example TokenizeIntoWords then MapValueToKey).</summary>
    KeyVector,

    /// <summary>A <see cref="bool"/>.</summary>
    Boolean,

    /// <summary>A <see cref="System.DateTime"/>.</summary>
    DateTime,
}
