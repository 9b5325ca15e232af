using Microsoft.ML.Recurrent.Forecasting;
using Microsoft.ML.Recurrent.Mapping;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// Forecasting as observations arrive, without retraining: the counterpart of ML.NET's TimeSeriesPredictionEngine for
/// <see cref="LstmForecastingTransformer"/>. Every training series starts where its training data ended;
/// <see cref="Predict(TInput)"/> appends an observation and forecasts, <see cref="Predict()"/> forecasts from the current
/// state, and <see cref="CheckPoint(string)"/> saves the model with the updated states. Not thread safe.
/// </summary>
/// <typeparam name="TInput">Row class with the forecaster's input columns.</typeparam>
/// <typeparam name="TOutput">Row class with the forecaster's output columns.</typeparam>
public sealed class RecurrentForecastEngine<TInput, TOutput> : IDisposable
    where TInput : class
    where TOutput : class, new()
{
    private readonly MLContext mlContext;
    private readonly LstmForecastingTransformer transformer;
    private readonly Dictionary<string, ForecastState> states;
    private readonly PredictionEngine<TInput, TOutput> engine;

    internal RecurrentForecastEngine(MLContext mlContext, LstmForecastingTransformer transformer)
    {
        this.mlContext = mlContext ?? throw new ArgumentNullException(nameof(mlContext));
        this.transformer = transformer;
        states = transformer.CopyTrainingEnd();
        engine = mlContext.Model.CreatePredictionEngine<TInput, TOutput>(transformer.ForEngine(states));
    }

    /// <summary>Ids of the series the engine follows.</summary>
    public IReadOnlyCollection<string> SeriesIds => states.Keys;

    /// <summary>Forecasts the horizon after the latest observation of the model's only series.</summary>
    /// <exception cref="InvalidOperationException">The model has several series; use <see cref="Predict(string)"/>.</exception>
    public TOutput Predict() => states.Count == 1
        ? Predict(states.Keys.First())
        : throw new InvalidOperationException($"The model follows {states.Count} series; call Predict(seriesId) with one of: {string.Join(", ", states.Keys.Take(10))}.");

    /// <summary>Forecasts the horizon after the latest observation of series <paramref name="seriesId"/>.</summary>
    public TOutput Predict(string seriesId)
    {
        if (!states.TryGetValue(seriesId, out var state))
        {
            throw new ArgumentException($"Series '{seriesId}' is unknown to the engine; give it observations with Predict(example) first.", nameof(seriesId));
        }

        var forecast = state.Predict();
        var columns = transformer.OutputColumns.Select(c => c.Name).ToList();
        var values = new List<float[]> { forecast.Point.ToArray() };
        if (transformer.Columns.Lower is not null)
        {
            values.Add(forecast.Lower.ToArray());
        }

        if (transformer.Columns.Upper is not null)
        {
            values.Add(forecast.Upper.ToArray());
        }

        var row = new SingleRowDataView(transformer.OutputColumns, values);
        return mlContext.Data.CreateEnumerable<TOutput>(row, reuseRowObject: false, ignoreMissingColumns: true).Single();
    }

    /// <summary>Appends the observation in <paramref name="example"/> to its series and forecasts the horizon after it.</summary>
    public TOutput Predict(TInput example) => engine.Predict(example);

    /// <summary>Saves the model with every series' current state, atomically, so that a loaded model continues from here.</summary>
    public void CheckPoint(string path) => mlContext.Model.SaveRecurrent(transformer.WithTrainingEnd(states), InputSchema(), path);

    /// <summary>Writes the model with every series' current state to <paramref name="stream"/>.</summary>
    public void CheckPoint(Stream stream) => mlContext.Model.Save(transformer.WithTrainingEnd(states), InputSchema(), stream);

    /// <inheritdoc/>
    public void Dispose() => engine.Dispose();

    private DataViewSchema InputSchema() => mlContext.Data.LoadFromEnumerable(Array.Empty<TInput>()).Schema;
}
