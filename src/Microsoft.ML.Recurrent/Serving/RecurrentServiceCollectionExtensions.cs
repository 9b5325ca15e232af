using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Serving;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// Registers a model saved with <c>mlContext.Model.Save</c> (or <c>SaveRecurrent</c>) in an app's service collection,
/// as a singleton <see cref="RecurrentPredictionEnginePool{TInput, TOutput}"/>. The model is loaded with
/// <c>mlContext.Model.LoadRecurrent</c>: ML.NET's <c>Model.Load</c> with Microsoft.ML.Recurrent's loader registered.
/// </summary>
public static class RecurrentServiceCollectionExtensions
{
    /// <summary>Registers a pool for the model in <paramref name="modelPath"/>, loaded on first use.</summary>
    public static IServiceCollection AddRecurrentPredictionEnginePool<TInput, TOutput>(this IServiceCollection services, string modelPath)
        where TInput : class
        where TOutput : class, new()
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        return services.AddRecurrentPredictionEnginePool<TInput, TOutput>(_ => ModelPath.OpenRead(modelPath, nameof(modelPath)));
    }

    /// <summary>
    /// Registers a pool for the model read from the stream <paramref name="openModel"/> returns (disposed after loading),
    /// for models in embedded resources, blob storage and the like. An <see cref="MLContext"/> registered in the
    /// container is used if there is one.
    /// </summary>
    public static IServiceCollection AddRecurrentPredictionEnginePool<TInput, TOutput>(this IServiceCollection services, Func<IServiceProvider, Stream> openModel)
        where TInput : class
        where TOutput : class, new()
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(openModel);
        services.AddSingleton(provider =>
        {
            var mlContext = provider.GetService<MLContext>() ?? new MLContext();
            using var stream = openModel(provider);
            return new RecurrentPredictionEnginePool<TInput, TOutput>(mlContext, mlContext.Model.LoadRecurrent(stream, out _));
        });
        return services;
    }
}
