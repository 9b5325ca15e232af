using Microsoft.ML.Recurrent.Data;
using Microsoft.ML.Recurrent.Forecasting;

namespace Microsoft.ML.Recurrent;

/// <summary>
/// Options of <c>mlContext.Forecasting.ForecastByLstm</c>: which columns hold the series, plus every model setting of
/// <see cref="ForecasterOptions"/> (horizon, LSTM or GRU, layers, lookback window, scaling, quantiles, training and so on),
/// with the same documented defaults. Only <see cref="OutputColumnName"/>, <see cref="InputColumnName"/> and
/// <see cref="ForecasterOptions.Horizon"/> are required.
/// </summary>
public sealed class LstmForecastingOptions : ForecasterOptions
{
    /// <summary>Output column: a vector of <see cref="ForecasterOptions.Horizon"/> point forecasts (the median). Required.</summary>
    public string OutputColumnName { get; set; } = string.Empty;

    /// <summary>Input column of type <see cref="float"/> with the observed values (NaN marks a missing value). Required.</summary>
    public string InputColumnName { get; set; } = string.Empty;

    /// <summary>Output column for the lower interval bound per step (the lowest quantile), or null for none. Default null.</summary>
    public string? ConfidenceLowerBoundColumn { get; set; }

    /// <summary>Output column for the upper interval bound per step (the highest quantile), or null for none. Default null.</summary>
    public string? ConfidenceUpperBoundColumn { get; set; }

    /// <summary>
    /// Column identifying the series of each row (text, key or number), to train one global model over many series.
    /// Rows of each series must be in time order. Default null: every row belongs to one series.
    /// </summary>
    public string? SeriesIdColumnName { get; set; }

    /// <summary>
    /// Column of type <see cref="DateTime"/> with each row's time. Timestamps let the model check that steps are regular
    /// (an irregular or duplicate timestamp is an error naming the row), detect the seasonal period, generate calendar
    /// features and continue a series after its training data. Default null.
    /// </summary>
    public string? TimestampColumnName { get; set; }

    /// <summary>Columns of type <see cref="float"/> known only up to each row (past covariates). Default none.</summary>
    public IReadOnlyList<string> PastCovariateColumnNames { get; set; } = [];

    /// <summary>Checks the columns and every model option, naming the first invalid one.</summary>
    /// <exception cref="ArgumentException">An option is missing or out of range.</exception>
    public new void Validate()
    {
        ColumnNameCheck.Require(OutputColumnName, nameof(LstmForecastingOptions), nameof(OutputColumnName));
        ColumnNameCheck.Require(InputColumnName, nameof(LstmForecastingOptions), nameof(InputColumnName));
        foreach (string? name in PastCovariateColumnNames ?? throw new ArgumentNullException(nameof(PastCovariateColumnNames)))
        {
            ColumnNameCheck.Require(name, nameof(LstmForecastingOptions), nameof(PastCovariateColumnNames));
        }

        base.Validate();
    }
}
