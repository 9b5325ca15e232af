using Microsoft.ML.Recurrent.Data;
using Microsoft.ML.Recurrent.Forecasting;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// Fits an LSTM (or GRU) forecaster on the series in a data view and produces a <see cref="LstmForecastingTransformer"/>.
/// Created by <c>mlContext.Forecasting.ForecastByLstm</c>.
/// </summary>
public sealed class LstmForecastingEstimator : IEstimator<LstmForecastingTransformer>
{
    private readonly LstmForecastingOptions options;
    private readonly ForecastingColumns columns;

    internal LstmForecastingEstimator(LstmForecastingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = (LstmForecastingOptions)options.Clone();
        columns = ForecastingColumns.From(options);
    }

    /// <summary>Reads the series from <paramref name="input"/> and trains the forecaster.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or has the wrong type (the message names it).</exception>
    /// <exception cref="ArgumentException">The data cannot be forecast: irregular or duplicate timestamps, too short a series, and so on.</exception>
    public LstmForecastingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        columns.Check(input.Schema);
        var series = ReadSeries(input);
        Forecaster forecaster;
        try
        {
            forecaster = Forecaster.Fit(series, options);
        }
        catch (ArgumentException ex) when (columns.SeriesId is not null)
        {
            throw new ArgumentException($"{ex.Message} (Rows are counted within each series of column '{columns.SeriesId}', in data order.)", nameof(input), ex);
        }

        return new LstmForecastingTransformer(forecaster, columns, series.ToDictionary(s => s.Id, forecaster.CreateState));
    }

    /// <summary>The input schema with the forecast (and interval) columns appended.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        columns.Check(inputSchema);
        return SchemaShapes.Append(inputSchema, columns.Outputs(options.Horizon));
    }

    /// <summary>Groups the rows by series id (all one series without an id column), keeping data order within each series.</summary>
    private List<TimeSeriesData> ReadSeries(IDataView input)
    {
        var schema = input.Schema;
        float[] values = DataViewColumns.ReadSingles(input, schema[columns.Input]);
        string[] ids = columns.SeriesId is null ? new string[values.Length] : DataViewColumns.ReadAsText(input, schema[columns.SeriesId]);
        DateTime[]? times = columns.Timestamp is null ? null : DataViewColumns.ReadDateTimes(input, schema[columns.Timestamp]);
        float[][] covariates = columns.PastCovariates.Select(name => DataViewColumns.ReadSingles(input, schema[name])).ToArray();
        var rowsById = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int row = 0; row < values.Length; row++)
        {
            string id = ids[row] ?? string.Empty;
            if (!rowsById.TryGetValue(id, out var rows))
            {
                rowsById[id] = rows = new List<int>();
            }

            rows.Add(row);
        }

        if (rowsById.Count == 0)
        {
            throw new ArgumentException($"The input has no rows; ForecastByLstm needs at least one series in column '{columns.Input}'.", nameof(input));
        }

        return rowsById.Select(pair =>
        {
            var rows = pair.Value;
            float[,]? past = null;
            if (covariates.Length > 0)
            {
                past = new float[rows.Count, covariates.Length];
                for (int r = 0; r < rows.Count; r++)
                {
                    for (int c = 0; c < covariates.Length; c++)
                    {
                        past[r, c] = covariates[c][rows[r]];
                    }
                }
            }

            return new TimeSeriesData(pair.Key, rows.Select(r => values[r]).ToArray(), times is null ? null : rows.Select(r => times[r]).ToArray(), past);
        }).ToList();
    }
}
