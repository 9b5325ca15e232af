namespace Microsoft.ML.Recurrent.Engine.Tensors;

/// <summary>
/// The argument error of a layer or loss that met NaN or infinity. Its own type lets the training loop tell a network
/// whose weights blew up (after updates) from other bad arguments; callers see an <see cref="ArgumentException"/>.
/// </summary>
internal sealed class NonFiniteValueException(string message, string parameterName) : ArgumentException(message, parameterName)
{
    /// <summary>The first <see cref="NonFiniteValueException"/> in <paramref name="error"/> or its inner exceptions, or null.</summary>
    public static NonFiniteValueException? Find(Exception error) => error switch
    {
        NonFiniteValueException found => found,
        AggregateException aggregate => aggregate.InnerExceptions.Select(Find).FirstOrDefault(e => e is not null),
        _ => error.InnerException is { } inner ? Find(inner) : null,
    };
}
