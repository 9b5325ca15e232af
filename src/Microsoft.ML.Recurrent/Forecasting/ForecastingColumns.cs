using Microsoft.ML.Recurrent.Data;
using Microsoft.ML.Recurrent.Mapping;

namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// The columns a forecaster reads and writes, checked against schemas with errors that name the column, its type and
/// what was expected. Shared by the estimator, the transformer and the forecast engine.
/// </summary>
internal sealed record ForecastingColumns(
    string Output, string Input, string? Lower, string? Upper, string? SeriesId, string? Timestamp, IReadOnlyList<string> PastCovariates)
{
    public static ForecastingColumns From(LstmForecastingOptions options) => new(
        options.OutputColumnName, options.InputColumnName, options.ConfidenceLowerBoundColumn, options.ConfidenceUpperBoundColumn,
        options.SeriesIdColumnName, options.TimestampColumnName, options.PastCovariateColumnNames.ToArray());

    private static readonly ColumnKind[] IdKinds = [ColumnKind.Text, ColumnKind.Key, ColumnKind.Single];

    /// <summary>Input columns in a fixed order: value, then the optional id and timestamp, then covariates.</summary>
    public IReadOnlyList<string> Inputs =>
        [Input, .. SeriesId is null ? [] : new[] { SeriesId }, .. Timestamp is null ? [] : new[] { Timestamp }, .. PastCovariates];

    public IReadOnlyList<OutputColumn> Outputs(int horizon) =>
    [
        OutputColumn.SingleVector(Output, horizon),
        .. Lower is null ? [] : new[] { OutputColumn.SingleVector(Lower, horizon) },
        .. Upper is null ? [] : new[] { OutputColumn.SingleVector(Upper, horizon) },
    ];

    public void Check(DataViewSchema schema)
    {
        SchemaCheck.Require(schema, Input, "observed values", ColumnKind.Single);
        if (SeriesId is not null)
        {
            var id = SchemaCheck.Require(schema, SeriesId, "series id", IdKinds);
            if (id.Type is KeyDataViewType { RawType: var raw } && raw != typeof(uint))
            {
                throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{SeriesId}' (series id) is a key of {raw.Name}; only UInt32 keys are supported.");
            }
        }

        if (Timestamp is not null)
        {
            SchemaCheck.Require(schema, Timestamp, "timestamps", ColumnKind.DateTime);
        }

        foreach (string covariate in PastCovariates)
        {
            SchemaCheck.Require(schema, covariate, "past covariate", ColumnKind.Single);
        }
    }

    public void Check(SchemaShape shape)
    {
        SchemaCheck.Require(shape, Input, "observed values", ColumnKind.Single);
        if (SeriesId is not null)
        {
            SchemaCheck.Require(shape, SeriesId, "series id", IdKinds);
        }

        if (Timestamp is not null)
        {
            SchemaCheck.Require(shape, Timestamp, "timestamps", ColumnKind.DateTime);
        }

        foreach (string covariate in PastCovariates)
        {
            SchemaCheck.Require(shape, covariate, "past covariate", ColumnKind.Single);
        }
    }
}
