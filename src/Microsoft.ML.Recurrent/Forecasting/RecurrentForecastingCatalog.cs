using Microsoft.ML.Recurrent;

namespace Microsoft.ML;

/// <summary>LSTM/GRU forecasting on <c>mlContext.Forecasting</c>, beside ML.NET's ForecastBySsa.</summary>
public static class RecurrentForecastingCatalog
{
    /// <summary>
    /// Forecasts the next <paramref name="horizon"/> values of a series with an LSTM trained on it (or on many series at
    /// once). The output column holds the point forecasts; the optional bound columns hold a
    /// <paramref name="confidenceLevel"/> interval from quantile forecasts. Every other setting has a tuned default; see
    /// <see cref="LstmForecastingOptions"/> for the full set.
    /// </summary>
    /// <param name="catalog">The forecasting catalog.</param>
    /// <param name="outputColumnName">Name of the output column: a vector of <paramref name="horizon"/> point forecasts.</param>
    /// <param name="inputColumnName">Name of the input column of type <see cref="float"/> with the observed values.</param>
    /// <param name="horizon">Number of values to forecast after each row.</param>
    /// <param name="confidenceLowerBoundColumn">Name of the column for the interval's lower bounds, or null for none.</param>
    /// <param name="confidenceUpperBoundColumn">Name of the column for the interval's upper bounds, or null for none.</param>
    /// <param name="confidenceLevel">Coverage of the interval, in (0, 1). Default 0.8.</param>
    /// <param name="seriesIdColumnName">Column identifying the series of each row, for one global model over many series; null for a single series.</param>
    /// <param name="timestampColumnName">Column of type <see cref="DateTime"/> with each row's time, or null.</param>
    public static LstmForecastingEstimator ForecastByLstm(
        this ForecastingCatalog catalog, string outputColumnName, string inputColumnName, int horizon,
        string? confidenceLowerBoundColumn = null, string? confidenceUpperBoundColumn = null, float confidenceLevel = 0.8f,
        string? seriesIdColumnName = null, string? timestampColumnName = null)
    {
        if (!(confidenceLevel > 0f && confidenceLevel < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "The confidence level must be in (0, 1).");
        }

        return catalog.ForecastByLstm(new LstmForecastingOptions
        {
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            Horizon = horizon,
            ConfidenceLowerBoundColumn = confidenceLowerBoundColumn,
            ConfidenceUpperBoundColumn = confidenceUpperBoundColumn,
            Quantiles = [(1f - confidenceLevel) / 2f, 0.5f, (1f + confidenceLevel) / 2f],
            SeriesIdColumnName = seriesIdColumnName,
            TimestampColumnName = timestampColumnName,
        });
    }

    /// <summary>Forecasts with an LSTM or GRU configured by <paramref name="options"/>.</summary>
    /// <param name="catalog">The forecasting catalog.</param>
    /// <param name="options">Columns and model settings; see <see cref="LstmForecastingOptions"/> for their defaults.</param>
    public static LstmForecastingEstimator ForecastByLstm(this ForecastingCatalog catalog, LstmForecastingOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new LstmForecastingEstimator(options);
    }
}
