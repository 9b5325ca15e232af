namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>Fills NaN gaps linearly between observed neighbours, and with the nearest observed value at either end.</summary>
internal static class Interpolation
{
    /// <summary>Fills the NaN entries of <paramref name="values"/> in place; returns false when nothing is observed.</summary>
    public static bool Fill(Span<float> values)
    {
        int previous = -1;
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsNaN(values[i]))
            {
                continue;
            }

            if (previous < 0)
            {
                values[..i].Fill(values[i]);
            }
            else if (i - previous > 1)
            {
                float start = values[previous], slope = (values[i] - start) / (i - previous);
                for (int j = previous + 1; j < i; j++)
                {
                    values[j] = start + slope * (j - previous);
                }
            }

            previous = i;
        }

        if (previous < 0)
        {
            return false;
        }

        values[(previous + 1)..].Fill(values[previous]);
        return true;
    }
}
