namespace Microsoft.ML.Recurrent.Translation.Network;

/// <summary>Copies between a narrow row-major matrix and a column block of a wider one (concatenation and its inverse).</summary>
internal static class RowBlocks
{
    /// <summary>Writes <paramref name="source"/> [rows, width] into columns [offset, offset + width) of <paramref name="target"/> [rows, stride].</summary>
    public static void Put(ReadOnlySpan<float> source, int rows, int width, Span<float> target, int stride, int offset)
    {
        for (int r = 0; r < rows; r++)
        {
            source.Slice(r * width, width).CopyTo(target.Slice(r * stride + offset, width));
        }
    }

    /// <summary>Reads columns [offset, offset + width) of <paramref name="source"/> [rows, stride] into <paramref name="target"/> [rows, width].</summary>
    public static void Take(ReadOnlySpan<float> source, int rows, int stride, int offset, int width, Span<float> target)
    {
        for (int r = 0; r < rows; r++)
        {
            source.Slice(r * stride + offset, width).CopyTo(target.Slice(r * width, width));
        }
    }

    /// <summary>Adds columns [offset, offset + width) of <paramref name="source"/> [rows, stride] into <paramref name="target"/> [rows, width].</summary>
    public static void AddTake(ReadOnlySpan<float> source, int rows, int stride, int offset, int width, Span<float> target)
    {
        for (int r = 0; r < rows; r++)
        {
            var row = target.Slice(r * width, width);
            TensorPrimitives.Add(row, source.Slice(r * stride + offset, width), row);
        }
    }

    /// <summary>
    /// Rearranges a state [layers·directions, batch, width] (PyTorch's layout) into [layers, batch, directions·width]:
    /// each layer's directions side by side.
    /// </summary>
    public static void JoinDirections(ReadOnlySpan<float> state, int layers, int directions, int batch, int width, Span<float> joined)
    {
        for (int l = 0; l < layers; l++)
        {
            for (int d = 0; d < directions; d++)
            {
                Put(state.Slice((l * directions + d) * batch * width, batch * width), batch, width, joined.Slice(l * batch * directions * width), directions * width, d * width);
            }
        }
    }

    /// <summary>The inverse of <see cref="JoinDirections"/>.</summary>
    public static void SplitDirections(ReadOnlySpan<float> joined, int layers, int directions, int batch, int width, Span<float> state)
    {
        for (int l = 0; l < layers; l++)
        {
            for (int d = 0; d < directions; d++)
            {
                Take(joined.Slice(l * batch * directions * width), batch, directions * width, d * width, width, state.Slice((l * directions + d) * batch * width, batch * width));
            }
        }
    }

    /// <summary>Backpropagates through y = tanh(x): <paramref name="gradInput"/> = <paramref name="gradOutput"/> ⊙ (1 − y²); may alias.</summary>
    public static void TanhBackward(ReadOnlySpan<float> output, ReadOnlySpan<float> gradOutput, Span<float> gradInput)
    {
        for (int i = 0; i < output.Length; i++)
        {
            gradInput[i] = gradOutput[i] * (1f - output[i] * output[i]);
        }
    }
}
