namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>What a forecaster remembers of one training series: its id, extent and scaling statistics.</summary>
public sealed class TrainedSeries
{
    internal TrainedSeries(string id, int length, DateTime? firstTimestamp, DateTime? lastTimestamp, SeriesScaler scaler)
    {
        Id = id;
        Length = length;
        FirstTimestamp = firstTimestamp;
        LastTimestamp = lastTimestamp;
        Scaler = scaler;
    }

    /// <summary>Series id.</summary>
    public string Id { get; }

    /// <summary>Rows trained on, including rows inserted for timestamp gaps.</summary>
    public int Length { get; }

    /// <summary>Time of the first row, or null without timestamps.</summary>
    public DateTime? FirstTimestamp { get; }

    /// <summary>Time of the last row, or null without timestamps.</summary>
    public DateTime? LastTimestamp { get; }

    /// <summary>Offset subtracted after the optional log transform (the mean for standard scaling).</summary>
    public float ScaleOffset => Scaler.Offset;

    /// <summary>Divisor applied after subtracting the offset (the standard deviation or mean absolute value).</summary>
    public float ScaleFactor => Scaler.Scale;

    /// <summary>The scaler used for this series' histories.</summary>
    internal SeriesScaler Scaler { get; }
}
