using System.Collections.Concurrent;

namespace Microsoft.ML.Recurrent.Serving;

/// <summary>
/// A thread-safe way to make predictions with a fitted model in an app. ML.NET's <see cref="PredictionEngine{TSrc, TDst}"/>
/// is not thread safe; this pool hands each call an engine of its own and keeps engines for reuse, so any number of
/// threads can call <see cref="Predict"/> at once.
/// </summary>
/// <typeparam name="TInput">Input row class.</typeparam>
/// <typeparam name="TOutput">Output row class.</typeparam>
public sealed class RecurrentPredictionEnginePool<TInput, TOutput>
    where TInput : class
    where TOutput : class, new()
{
    private readonly ConcurrentBag<PredictionEngine<TInput, TOutput>> engines = new();
    private readonly MLContext mlContext;
    private readonly int maxRetained;
    private int retained;

    /// <summary>Creates a pool for <paramref name="model"/>.</summary>
    /// <param name="mlContext">The ML.NET context that creates the engines.</param>
    /// <param name="model">The fitted model.</param>
    /// <param name="maxRetainedEngines">Idle engines kept for reuse; default twice the processor count.</param>
    public RecurrentPredictionEnginePool(MLContext mlContext, ITransformer model, int? maxRetainedEngines = null)
    {
        this.mlContext = mlContext ?? throw new ArgumentNullException(nameof(mlContext));
        Model = model ?? throw new ArgumentNullException(nameof(model));
        maxRetained = maxRetainedEngines ?? 2 * Environment.ProcessorCount;
        if (maxRetained < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetainedEngines), maxRetainedEngines, "At least one engine must be retained.");
        }
    }

    /// <summary>The model the engines run.</summary>
    public ITransformer Model { get; }

    /// <summary>Predicts one example; safe to call from many threads at once.</summary>
    public TOutput Predict(TInput example)
    {
        var engine = Rent();
        try
        {
            return engine.Predict(example);
        }
        finally
        {
            Return(engine);
        }
    }

    private PredictionEngine<TInput, TOutput> Rent()
    {
        if (engines.TryTake(out var engine))
        {
            Interlocked.Decrement(ref retained);
            return engine;
        }

        return mlContext.Model.CreatePredictionEngine<TInput, TOutput>(Model);
    }

    private void Return(PredictionEngine<TInput, TOutput> engine)
    {
        if (Interlocked.Increment(ref retained) <= maxRetained)
        {
            engines.Add(engine);
        }
        else
        {
            Interlocked.Decrement(ref retained);
            engine.Dispose();
        }
    }
}
