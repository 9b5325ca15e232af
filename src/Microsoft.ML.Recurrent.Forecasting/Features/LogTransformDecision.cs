using System.Globalization;

namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>Resolves <see cref="LogTransformMode"/> for a training set.</summary>
internal static class LogTransformDecision
{
    private const double MinimumLevelRatio = 1.5;
    private const double MinimumSpreadCorrelation = 0.5;
    private const int MinimumBlocks = 4;

    /// <summary>
    /// Returns whether to log-transform. <see cref="LogTransformMode.Auto"/> says yes when every value is positive and,
    /// for most of the data, the level varies by at least half and the spread within blocks of one season grows with
    /// the block's level (correlation ≥ 0.5): the signature of a multiplicative series.
    /// </summary>
    /// <exception cref="ArgumentException"><see cref="LogTransformMode.Always"/> with a value ≤ 0, naming the series and row.</exception>
    public static bool Resolve(LogTransformMode mode, IReadOnlyList<RegularSeries> series, int seasonalPeriod)
    {
        if (mode == LogTransformMode.Never)
        {
            return false;
        }

        foreach (var s in series)
        {
            int row = FirstNonPositive(s.Values);
            if (row >= 0)
            {
                return mode == LogTransformMode.Auto
                    ? false
                    : throw new ArgumentException(
                        $"Series '{s.Id}' has the value {s.Values[row].ToString(CultureInfo.InvariantCulture)} at row {s.SourceRow(row)}; LogTransform = Always needs every value to be positive.",
                        "options");
            }
        }

        if (mode == LogTransformMode.Always)
        {
            return true;
        }

        int block = Math.Max(seasonalPeriod, 12);
        long votes = 0, total = 0;
        foreach (var s in series)
        {
            total += s.Values.Length;
            votes += IsMultiplicative(s.Values, block) ? s.Values.Length : 0;
        }

        return 2 * votes > total;
    }

    /// <summary>Index of the first observed value ≤ 0, or −1.</summary>
    public static int FirstNonPositive(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] <= 0f)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsMultiplicative(float[] values, int block)
    {
        int blocks = values.Length / block;
        if (blocks < MinimumBlocks)
        {
            return false;
        }

        var levels = new double[blocks];
        var spreads = new double[blocks];
        for (int b = 0; b < blocks; b++)
        {
            (levels[b], spreads[b]) = LevelAndSpread(values.AsSpan(values.Length - (blocks - b) * block, block));
        }

        return levels.Max() >= MinimumLevelRatio * levels.Min() && Correlation(levels, spreads) >= MinimumSpreadCorrelation;
    }

    /// <summary>Mean of the observed values, and the standard deviation of their residuals around a straight line.</summary>
    private static (double Level, double Spread) LevelAndSpread(ReadOnlySpan<float> values)
    {
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsNaN(values[i]))
            {
                n++;
                sx += i;
                sy += values[i];
                sxx += (double)i * i;
                sxy += i * (double)values[i];
            }
        }

        double denominator = n * sxx - sx * sx;
        double slope = denominator > 0 ? (n * sxy - sx * sy) / denominator : 0;
        double intercept = (sy - slope * sx) / n, squares = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsNaN(values[i]))
            {
                double residual = values[i] - intercept - slope * i;
                squares += residual * residual;
            }
        }

        return (sy / n, Math.Sqrt(squares / n));
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : 0;
    }
}
