namespace Microsoft.ML.Recurrent.Onnx.Tests;

/// <summary>The agreement the exported models must reach with the engine.</summary>
internal static class Tolerance
{
    /// <summary>Largest absolute difference allowed between ONNX Runtime's and our outputs (probabilities, forecasts, logits).</summary>
    public const float MaxAbsoluteDifference = 1e-4f;

    /// <summary>Largest |a − b| over two equally long sequences.</summary>
    public static float MaxDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        float max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }
}
