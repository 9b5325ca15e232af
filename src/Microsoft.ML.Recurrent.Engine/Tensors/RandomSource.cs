namespace Microsoft.ML.Recurrent.Engine.Tensors;

/// <summary>
/// The engine's one seeded random source (xoshiro128**): weight initialisation, dropout masks and
/// shuffling all draw from it, so training with the same seed and thread count is reproducible.
/// Not thread safe; a parallel kernel that needs randomness derives child sources with <see cref="Fork"/>.
/// </summary>
public sealed class RandomSource
{
    private uint s0, s1, s2, s3;
    private float spareNormal;
    private bool hasSpareNormal;

    /// <summary>Creates a source from a seed.</summary>
    public RandomSource(int seed)
    {
        ulong state = (ulong)(uint)seed + 0x9E3779B97F4A7C15UL;
        s0 = (uint)SplitMix(ref state);
        s1 = (uint)SplitMix(ref state);
        s2 = (uint)SplitMix(ref state);
        s3 = (uint)SplitMix(ref state);
    }

    /// <summary>Next raw 32 random bits.</summary>
    public uint NextUInt()
    {
        uint result = BitRotate(s1 * 5, 7) * 9;
        uint t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = BitRotate(s3, 11);
        return result;
    }

    /// <summary>Uniform float in [0, 1).</summary>
    public float NextFloat() => (NextUInt() >> 8) * (1f / (1 << 24));

    /// <summary>Uniform float in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public float NextUniform(float low, float high) => low + (high - low) * NextFloat();

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "Must be positive.");
        }

        return (int)(((ulong)NextUInt() * (ulong)maxExclusive) >> 32);
    }

    /// <summary>Standard normal sample (Box–Muller).</summary>
    public float NextNormal()
    {
        if (hasSpareNormal)
        {
            hasSpareNormal = false;
            return spareNormal;
        }

        double u1 = 1.0 - NextFloat();
        double u2 = NextFloat();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        spareNormal = (float)(radius * Math.Sin(2 * Math.PI * u2));
        hasSpareNormal = true;
        return (float)(radius * Math.Cos(2 * Math.PI * u2));
    }

    /// <summary>Fills <paramref name="values"/> uniformly from [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public void FillUniform(Span<float> values, float low, float high)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = NextUniform(low, high);
        }
    }

    /// <summary>Fills <paramref name="values"/> with normal samples of the given standard deviation.</summary>
    public void FillNormal(Span<float> values, float standardDeviation)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = NextNormal() * standardDeviation;
        }
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Derives an independent child source; the parent advances deterministically.</summary>
    public RandomSource Fork() => new((int)NextUInt());

    private static uint BitRotate(uint x, int k) => (x << k) | (x >> (32 - k));

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
