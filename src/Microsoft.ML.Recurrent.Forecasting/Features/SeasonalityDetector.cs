namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// Detects the seasonal period of a training set from the autocorrelation of its linearly detrended series. Periods
/// suggested by the timestamps' step come first (12 for monthly data, 7 and 365 for daily, 24 and 168 for hourly, …); a
/// period counts when its autocorrelation, averaged over the series, is at least 0.2 and at least 0.1 above the lowest
/// autocorrelation at a shorter lag (so the slow decay of a trending or persistent series is not mistaken for a
/// season). Failing those, the strongest such peak up to a third of the data (and at most 1,000 steps) is taken, and
/// failing that, 1 (no seasonality).
/// </summary>
internal static class SeasonalityDetector
{
    private const double MinimumCorrelation = 0.2;
    private const double MinimumRise = 0.1;
    private const int MaxLag = 1000;
    private const long MaxWork = 50_000_000;

    /// <summary>Returns the detected period (1 when none) of the interpolated series <paramref name="filled"/>.</summary>
    public static int Detect(IReadOnlyList<float[]> filled, TimeStep? step)
    {
        int longest = filled.Max(s => s.Length);
        int maxLag = Math.Min(MaxLag, longest / 3);
        if (maxLag < 2)
        {
            return 1;
        }

        var acf = MeanAutocorrelation(filled, maxLag);
        int best = 1;
        foreach (int candidate in Candidates(step))
        {
            if (candidate <= maxLag && IsPeak(acf, candidate) && (best == 1 || acf[candidate] > acf[best]))
            {
                best = candidate;
            }
        }

        if (best > 1)
        {
            return best;
        }

        for (int lag = 2; lag < maxLag; lag++)
        {
            if (IsPeak(acf, lag) && acf[lag] >= acf[lag - 1] && acf[lag] >= acf[lag + 1] && (best == 1 || acf[lag] > acf[best]))
            {
                best = lag;
            }
        }

        return best;
    }

    /// <summary>Seasonal periods natural for data with <paramref name="step"/>.</summary>
    private static IEnumerable<int> Candidates(TimeStep? step)
    {
        if (step is not { } s)
        {
            yield break;
        }

        if (s.IsMonthly)
        {
            if (s.Months < 12 && 12 % s.Months == 0)
            {
                yield return 12 / s.Months;
            }

            yield break;
        }

        long day = TimeSpan.TicksPerDay;
        if (s.Ticks < day && day % s.Ticks == 0)
        {
            yield return (int)(day / s.Ticks);
            yield return (int)(7 * day / s.Ticks);
        }
        else if (s.Ticks == day)
        {
            yield return 7;
            yield return 365;
        }
        else if (s.Ticks == 7 * day)
        {
            yield return 52;
        }
    }

    private static bool IsPeak(double[] acf, int lag)
    {
        double lowest = double.MaxValue;
        for (int j = 1; j < lag; j++)
        {
            lowest = Math.Min(lowest, acf[j]);
        }

        return acf[lag] >= MinimumCorrelation && acf[lag] - lowest >= MinimumRise;
    }

    /// <summary>Autocorrelation at lags 0..maxLag+1, averaged over the series long enough for each lag (weighted by length).</summary>
    private static double[] MeanAutocorrelation(IReadOnlyList<float[]> filled, int maxLag)
    {
        var sums = new double[maxLag + 2];
        var weights = new double[maxLag + 2];
        foreach (var series in filled)
        {
            int lags = Math.Min(maxLag + 1, series.Length / 3);
            if (lags < 1)
            {
                continue;
            }

            int length = (int)Math.Min(series.Length, MaxWork / lags);
            var x = Detrended(series.AsSpan(series.Length - length));
            double variance = 0;
            foreach (double v in x)
            {
                variance += v * v;
            }

            if (variance <= 0)
            {
                continue;
            }

            for (int lag = 1; lag <= lags; lag++)
            {
                double sum = 0;
                for (int t = 0; t + lag < x.Length; t++)
                {
                    sum += x[t] * x[t + lag];
                }

                sums[lag] += length * sum / variance;
                weights[lag] += length;
            }
        }

        for (int lag = 1; lag < sums.Length; lag++)
        {
            sums[lag] = weights[lag] > 0 ? sums[lag] / weights[lag] : 0;
        }

        return sums;
    }

    /// <summary>The values minus their least-squares line.</summary>
    private static double[] Detrended(ReadOnlySpan<float> values)
    {
        int n = values.Length;
        double meanT = (n - 1) / 2.0, meanY = 0;
        foreach (float v in values)
        {
            meanY += v;
        }

        meanY /= n;
        double sty = 0, stt = 0;
        for (int t = 0; t < n; t++)
        {
            sty += (t - meanT) * (values[t] - meanY);
            stt += (t - meanT) * (t - meanT);
        }

        double slope = stt > 0 ? sty / stt : 0;
        var result = new double[n];
        for (int t = 0; t < n; t++)
        {
            result[t] = values[t] - meanY - slope * (t - meanT);
        }

        return result;
    }
}
