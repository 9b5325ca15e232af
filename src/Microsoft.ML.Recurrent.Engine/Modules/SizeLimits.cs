namespace Microsoft.ML.Recurrent.Engine.Modules;

/// <summary>
/// Upper bounds on the settings that size a model's memory or work, shared by the engine's layers and every task model's
/// options, and checked before anything is allocated. Within them every weight matrix stays below the
/// <see cref="Array.MaxLength"/> elements an array can hold (the largest, a 500,000-row vocabulary times 4,096 units,
/// holds 2.05 billion), so an absurd value fails with an error naming the setting instead of an overflow deep inside the engine.
/// </summary>
public static class SizeLimits
{
    /// <summary>Most units per recurrent layer (and direction): 4,096.</summary>
    public const int MaxHiddenSize = 4096;

    /// <summary>Widest token embedding: 4,096.</summary>
    public const int MaxEmbeddingSize = 4096;

    /// <summary>Most stacked recurrent layers: 16.</summary>
    public const int MaxLayers = 16;

    /// <summary>Largest vocabulary (rows of an embedding or outputs of a softmax layer), special tokens included: 500,000.</summary>
    public const int MaxVocabularySize = 500_000;

    /// <summary>Most examples (sequences, windows, streams) per training batch: 65,536.</summary>
    public const int MaxBatchSize = 65_536;

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="option"/> unless
    /// <paramref name="value"/> is in [<paramref name="min"/>, <paramref name="max"/>].
    /// </summary>
    /// <param name="value">The setting.</param>
    /// <param name="min">Smallest accepted value.</param>
    /// <param name="max">Largest accepted value (the documented upper bound).</param>
    /// <param name="option">The setting's name, the exception's parameter name.</param>
    /// <param name="owner">The settings class, for the message (for example "TranslatorOptions"); null for a plain argument.</param>
    public static void Require(int value, int min, int max, string option, string? owner = null)
    {
        if (value < min || value > max)
        {
            string name = owner is null ? $"Parameter '{option}'" : $"{owner}.{option}";
            throw new ArgumentOutOfRangeException(option, value, $"{name} is {value}; it must be at least {min:N0} and at most {max:N0}.");
        }
    }

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="option"/> when <paramref name="value"/> is not
    /// a defined value of <typeparamref name="TEnum"/> (for example a cast integer such as <c>(AttentionType)42</c>).
    /// </summary>
    public static void RequireDefined<TEnum>(TEnum value, string option, string? owner = null)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            string name = owner is null ? $"Parameter '{option}'" : $"{owner}.{option}";
            throw new ArgumentOutOfRangeException(
                option, value, $"{name} is {value}, which is not a defined {typeof(TEnum).Name} value; it must be one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }
    }
}
