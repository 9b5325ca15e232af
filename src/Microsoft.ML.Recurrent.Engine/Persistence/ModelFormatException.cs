namespace Microsoft.ML.Recurrent.Engine.Persistence;

/// <summary>
/// Thrown when model data cannot be used: it is not a model file, was written by a newer library, is truncated
/// or corrupt, holds invalid contents, or does not fit the module it is loaded into. The message says which, and where.
/// An <see cref="IOException"/> (<see cref="InvalidDataException"/> is sealed), so one handler covers missing and damaged files.
/// </summary>
public sealed class ModelFormatException : IOException
{
    /// <summary>Creates the exception with a message.</summary>
    public ModelFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public ModelFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
