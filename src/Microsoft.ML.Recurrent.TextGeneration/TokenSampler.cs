using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.TextGeneration;

/// <summary>
/// Draws a character id from next-character logits: only real characters (no special ids), logits divided by the
/// temperature, then top-k, then top-p over the renormalised top-k (as in Hugging Face's samplers), then a draw from
/// what is left. Reuses its buffers; one thread at a time.
/// </summary>
internal sealed class TokenSampler
{
    private readonly SamplingOptions options;
    private readonly RandomSource random;
    private readonly float[] sortKeys;
    private readonly int[] order;

    public TokenSampler(SamplingOptions options, int vocabularySize, int seed)
    {
        this.options = options;
        random = new RandomSource(seed);
        sortKeys = new float[vocabularySize];
        order = new int[vocabularySize];
    }

    /// <summary>Samples from <paramref name="logits"/> (one row, one logit per id).</summary>
    public int Sample(ReadOnlySpan<float> logits)
    {
        int count = 0;
        float max = float.NegativeInfinity;
        for (int id = 0; id < logits.Length; id++)
        {
            if (CharacterVocabulary.IsCharacter(id))
            {
                max = MathF.Max(max, logits[id]);
            }
        }

        for (int id = 0; id < logits.Length; id++)
        {
            if (CharacterVocabulary.IsCharacter(id))
            {
                float p = MathF.Exp((logits[id] - max) / options.Temperature);
                sortKeys[count] = -p;
                order[count++] = id;
            }
        }

        sortKeys.AsSpan(0, count).Sort(order.AsSpan(0, count)); // most likely first
        int kept = options.TopK > 0 ? Math.Min(options.TopK, count) : count;
        double keptMass = 0;
        for (int i = 0; i < kept; i++)
        {
            keptMass -= sortKeys[i];
        }

        if (options.TopP < 1f)
        {
            double cumulative = 0, target = options.TopP * keptMass;
            int nucleus = 0;
            while (nucleus < kept && cumulative < target)
            {
                cumulative -= sortKeys[nucleus++];
            }

            kept = Math.Max(nucleus, 1);
            keptMass = cumulative > 0 ? cumulative : -sortKeys[0];
        }

        double draw = random.NextFloat() * keptMass;
        for (int i = 0; i < kept - 1; i++)
        {
            draw += sortKeys[i];
            if (draw < 0)
            {
                return order[i];
            }
        }

        return order[kept - 1];
    }
}
