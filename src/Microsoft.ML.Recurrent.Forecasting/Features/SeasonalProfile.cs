namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// Causal seasonal indices, the seasonal half of the normalisation that makes a small recurrent network competitive
/// (after Smyl's ES-RNN): the series is detrended by a centred moving average of one period, and the indices at a time t
/// are the per-phase weighted means of the detrended values of the last <see cref="MaxCycles"/> whole periods known at
/// t (weights 1, 4, 9 from the oldest period to the newest, so the pattern may drift, much as Holt-Winters' seasonal
/// smoothing with γ ≈ 0.6 weighs them), centred to sum to zero and, for
/// long periods, smoothed to their first <see cref="MaxHarmonics"/> Fourier harmonics. Windows ending at t are
/// deseasonalised with the indices at t, so training never sees the future.
/// </summary>
internal sealed class SeasonalProfile
{
    /// <summary>Most recent whole periods averaged into the indices.</summary>
    public const int MaxCycles = 3;

    /// <summary>Harmonics kept for periods longer than twice this; shorter periods keep every phase as it is.</summary>
    public const int MaxHarmonics = 8;

    /// <summary>
    /// Smallest out-of-sample seasonal strength (see <see cref="Strength"/>) for which deseasonalising pays; below it the
    /// "season" is too irregular (a quasi-periodic cycle such as sunspots') or too weak against noise.
    /// </summary>
    public const double MinimumStrength = 0.4;

    private readonly float[]? cosines;
    private readonly float[]? sines;

    /// <summary>Creates the profile of a period ≥ 2.</summary>
    public SeasonalProfile(int period)
    {
        Period = period;
        if (period > 2 * MaxHarmonics)
        {
            cosines = new float[MaxHarmonics * period];
            sines = new float[MaxHarmonics * period];
            for (int k = 0; k < MaxHarmonics; k++)
            {
                for (int p = 0; p < period; p++)
                {
                    double angle = 2 * Math.PI * (k + 1) * p / period;
                    cosines[k * period + p] = (float)Math.Cos(angle);
                    sines[k * period + p] = (float)Math.Sin(angle);
                }
            }
        }
    }

    /// <summary>Season length in steps.</summary>
    public int Period { get; }

    /// <summary>Steps on either side that the centred moving average needs.</summary>
    public int Reach => Period / 2;

    /// <summary>Whole periods of detrended values known at the end of a series of <paramref name="length"/> values.</summary>
    public int CyclesKnown(int length) => Math.Max(0, length - 2 * Reach) / Period;

    /// <summary>
    /// Returns the centred moving average of <paramref name="filled"/> over one period (a 2×m average for even periods),
    /// NaN where it is not defined.
    /// </summary>
    public float[] Trend(ReadOnlySpan<float> filled)
    {
        int n = filled.Length, r = Reach;
        var prefix = new double[n + 1];
        for (int i = 0; i < n; i++)
        {
            prefix[i + 1] = prefix[i] + filled[i];
        }

        var trend = new float[n];
        trend.AsSpan().Fill(float.NaN);
        for (int u = r; u < n - r; u++)
        {
            double sum = Period % 2 == 1
                ? prefix[u + r + 1] - prefix[u - r]
                : prefix[u + r] - prefix[u - r + 1] + 0.5 * (filled[u - r] + filled[u + r]);
            trend[u] = (float)(sum / Period);
        }

        return trend;
    }

    /// <summary>
    /// Writes the indices known after step <paramref name="end"/> into <paramref name="indices"/> (length <see cref="Period"/>,
    /// indexed by position mod period): per phase, the weighted mean of the observed <paramref name="values"/> minus their
    /// <paramref name="trend"/> over up to <see cref="MaxCycles"/> periods; <paramref name="scratch"/> needs 2·period floats.
    /// </summary>
    public void Indices(ReadOnlySpan<float> values, ReadOnlySpan<bool> observed, ReadOnlySpan<float> trend, int end, Span<float> indices, Span<float> scratch)
    {
        int m = Period, last = end - Reach;
        int first = Math.Max(Reach, last - MaxCycles * m + 1);
        var sums = scratch[..m];
        var counts = scratch.Slice(m, m);
        sums.Clear();
        counts.Clear();
        for (int u = first; u <= last; u++)
        {
            if (observed[u])
            {
                int period = 1 + (u - first) / m;
                float weight = period * period;
                sums[u % m] += weight * (values[u] - trend[u]);
                counts[u % m] += weight;
            }
        }

        float mean = 0;
        for (int p = 0; p < m; p++)
        {
            sums[p] = counts[p] > 0 ? sums[p] / counts[p] : 0f;
            mean += sums[p];
        }

        mean /= m;
        if (cosines is null)
        {
            for (int p = 0; p < m; p++)
            {
                indices[p] = sums[p] - mean;
            }

            return;
        }

        // Least-squares projection on the first harmonics (the constant term is the mean, which is dropped).
        indices.Clear();
        for (int k = 0; k < MaxHarmonics; k++)
        {
            var c = cosines.AsSpan(k * m, m);
            var s = sines!.AsSpan(k * m, m);
            float a = 2f / m * TensorPrimitives.Dot(sums, c);
            float b = 2f / m * TensorPrimitives.Dot(sums, s);
            for (int p = 0; p < m; p++)
            {
                indices[p] += a * c[p] + b * s[p];
            }
        }
    }

    /// <summary>
    /// How much of the detrended series the indices predict one period ahead, pooled over <paramref name="frames"/>:
    /// 1 − Σ(detrended − index)² / Σ detrended², where each period's indices come only from the periods before it (like
    /// Hyndman's seasonal strength, but out of sample). 0 when no series spans two periods of detrended values.
    /// </summary>
    public double Strength(IEnumerable<SeriesFrame> frames)
    {
        int m = Period, r = Reach;
        var indices = new float[m];
        var scratch = new float[2 * m];
        double error = 0, total = 0;
        foreach (var frame in frames)
        {
            if (frame.Trend is not { } trend)
            {
                continue;
            }

            for (int start = r + m; start + m <= frame.Length - r; start += m)
            {
                Indices(frame.Values, frame.Observed, trend, start - 1 + r, indices, scratch);
                for (int u = start; u < start + m; u++)
                {
                    if (frame.Observed[u])
                    {
                        double detrended = frame.Values[u] - trend[u];
                        error += (detrended - indices[u % m]) * (detrended - indices[u % m]);
                        total += detrended * detrended;
                    }
                }
            }
        }

        return total > 0 ? 1 - error / total : 0;
    }
}
