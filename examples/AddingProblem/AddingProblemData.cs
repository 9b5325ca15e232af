using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Examples.AddingProblem;

/// <summary>
/// The adding problem (Hochreiter &amp; Schmidhuber 1997): each step carries a random value in [0, 1) and a marker;
/// exactly two steps are marked, one in each half of the sequence, and the target is the sum of the two marked
/// values. Predicting the mean (1.0) scores MSE ≈ 0.167, so beating it needs memory across the whole sequence.
/// </summary>
public static class AddingProblemData
{
    /// <summary>Fills <paramref name="input"/> [length, batch, 2] and <paramref name="target"/> [batch, 1] with fresh examples.</summary>
    public static void Fill(Tensor input, Tensor target, RandomSource random)
    {
        int length = input.Dim(0), batch = input.Dim(1);
        input.Clear();
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < length; t++)
            {
                input[t, b, 0] = random.NextFloat();
            }

            int first = random.NextInt(length / 2);
            int second = length / 2 + random.NextInt(length - length / 2);
            input[first, b, 1] = 1f;
            input[second, b, 1] = 1f;
            target[b, 0] = input[first, b, 0] + input[second, b, 0];
        }
    }
}
