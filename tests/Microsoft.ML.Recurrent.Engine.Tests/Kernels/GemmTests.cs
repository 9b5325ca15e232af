using Microsoft.ML.Recurrent.Engine.Kernels;
using Microsoft.ML.Recurrent.Engine.Threading;

namespace Microsoft.ML.Recurrent.Engine.Tests.Kernels;

/// <summary>Runs alone: the tests change the process-wide <see cref="EngineThreads.Count"/>.</summary>
[CollectionDefinition(nameof(GemmCollection), DisableParallelization = true)]
public sealed class GemmCollection;

[Collection(nameof(GemmCollection))]
public sealed class GemmTests
{
    /// <summary>Kernel levels this processor supports, as ints (the enum is internal).</summary>
    public static TheoryData<int, bool, bool> LevelsAndTransposes()
    {
        var data = new TheoryData<int, bool, bool>();
        foreach (var level in SupportedLevels())
        {
            foreach (bool ta in new[] { false, true })
            {
                foreach (bool tb in new[] { false, true })
                {
                    data.Add((int)level, ta, tb);
                }
            }
        }

        return data;
    }

    public static TheoryData<int> Levels()
    {
        var data = new TheoryData<int>();
        foreach (var level in SupportedLevels())
        {
            data.Add((int)level);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LevelsAndTransposes))]
    public void RandomSmallShapesMatchReference(int level, bool transposeA, bool transposeB)
    {
        var random = new Random(HashCode.Combine(level, transposeA, transposeB));
        var shapes = new List<(int M, int N, int K)> { (1, 1, 1), (1, 64, 64), (70, 70, 70), (1, 33, 7), (15, 1, 9), (13, 65, 1) };
        for (int i = 0; i < 24; i++)
        {
            shapes.Add((random.Next(1, 71), random.Next(1, 71), random.Next(1, 71)));
        }

        WithLevel(level, () =>
        {
            foreach (var (m, n, k) in shapes)
            {
                CheckProduct(random, transposeA, transposeB, m, n, k, accumulate: random.Next(2) == 0, padding: random.Next(3));
            }
        });
    }

    [Theory]
    [MemberData(nameof(LevelsAndTransposes))]
    public void LargeShapeMatchesReference(int level, bool transposeA, bool transposeB)
    {
        var random = new Random(7);
        WithLevel(level, () =>
        {
            CheckProduct(random, transposeA, transposeB, 257, 129, 300, accumulate: false, padding: 3);
            CheckProduct(random, transposeA, transposeB, 71, 530, 513, accumulate: true, padding: 1);
        });
    }

    [Theory]
    [MemberData(nameof(LevelsAndTransposes))]
    public void PackedRightOperandMatchesReference(int level, bool transposeA, bool transposeB)
    {
        var random = new Random(11);
        var packed = new PackedMatrix();
        WithLevel(level, () =>
        {
            foreach (var (m, n, k) in new[] { (1, 256, 64), (5, 37, 300), (64, 512, 128), (33, 70, 1), (1, 1, 1) })
            {
                CheckPackedProduct(random, packed, transposeA, transposeB, m, n, k, accumulate: false);
                CheckPackedProduct(random, packed, transposeA, transposeB, m, n, k, accumulate: true);
            }
        });
    }

    [Fact]
    public void RepackingSameShapeReusesStorage()
    {
        var random = new Random(3);
        var b = RandomArray(random, 96 * 200);
        var packed = new PackedMatrix();
        Gemm.PackRight(false, 96, 200, b, 200, packed);
        float[] storage = packed.Data;
        Gemm.PackRight(true, 200, 96, b, 200, packed);
        Gemm.PackRight(false, 96, 200, b, 200, packed);
        Assert.Same(storage, packed.Data);
        Assert.Equal((96, 200), (packed.K, packed.N));
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void ResultsAreBitIdenticalForAnyThreadCount(int level)
    {
        var random = new Random(5);
        int m = 203, n = 301, k = 290;
        var a = RandomArray(random, m * k);
        var b = RandomArray(random, k * n);
        var initial = RandomArray(random, m * n);
        var packed = new PackedMatrix();
        int saved = EngineThreads.Count;
        try
        {
            WithLevel(level, () =>
            {
                Gemm.PackRight(false, k, n, b, n, packed);
                var results = new List<float[]>();
                foreach (int threads in new[] { 1, 2, 1 })
                {
                    EngineThreads.Count = threads;
                    var plain = (float[])initial.Clone();
                    Gemm.Multiply(false, false, m, n, k, a, k, b, n, plain, n, accumulate: true);
                    var prepacked = new float[m * n];
                    Gemm.Multiply(false, m, a, k, packed, prepacked, n, accumulate: false);
                    results.Add(plain);
                    results.Add(prepacked);
                }

                for (int i = 2; i < results.Count; i++)
                {
                    Assert.Equal(results[i % 2], results[i]);
                }
            });
        }
        finally
        {
            EngineThreads.Count = saved;
        }
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void EachRowIsIndependentOfTheOtherRows(int level)
    {
        // A row of C gets the same bits whether it is multiplied alone (single-row kernels, B read in place)
        // or inside a batch, so batch-1 streaming matches batched inference exactly.
        var random = new Random(9);
        int m = 11, n = 150, k = 300;
        var a = RandomArray(random, m * k);
        var b = RandomArray(random, k * n);
        var packed = new PackedMatrix();
        WithLevel(level, () =>
        {
            Gemm.PackRight(false, k, n, b, n, packed);
            var batch = new float[m * n];
            var batchPacked = new float[m * n];
            Gemm.Multiply(false, false, m, n, k, a, k, b, n, batch, n, accumulate: false);
            Gemm.Multiply(false, m, a, k, packed, batchPacked, n, accumulate: false);
            Assert.Equal(batch, batchPacked);
            for (int i = 0; i < m; i++)
            {
                var row = new float[n];
                var rowPacked = new float[n];
                Gemm.Multiply(false, false, 1, n, k, a.AsSpan(i * k, k), k, b, n, row, n, accumulate: false);
                Gemm.Multiply(false, 1, a.AsSpan(i * k, k), k, packed, rowPacked, n, accumulate: false);
                Assert.Equal(batch.AsSpan(i * n, n).ToArray(), row);
                Assert.Equal(row, rowPacked);
            }
        });
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void ReversedColumnOrderGivesTheSameBits(int level)
    {
        // Recurrent steps alternate the column order for cache reuse; every element must come out the same.
        var random = new Random(12);
        foreach (var (m, k, n) in new[] { (1, 64, 256), (1, 40, 150), (3, 33, 200), (1, 20, 1100), (9, 17, 70) })
        {
            var a = RandomArray(random, m * k);
            var b = RandomArray(random, k * n);
            var initial = RandomArray(random, m * n);
            var packed = new PackedMatrix();
            WithLevel(level, () =>
            {
                Gemm.PackRight(false, k, n, b, n, packed);
                foreach (bool accumulate in new[] { false, true })
                {
                    var forward = (float[])initial.Clone();
                    var reversed = (float[])initial.Clone();
                    Gemm.Multiply(false, m, a, k, packed, forward, n, accumulate);
                    Gemm.Multiply(false, m, a, k, packed, reversed, n, accumulate, reverseColumns: true);
                    Assert.Equal(forward, reversed);
                }
            });
        }
    }

    [Fact]
    public void CallsDoNotAllocateAfterWarmUp()
    {
        var random = new Random(4);
        int m = 96, n = 200, k = 130;
        var a = RandomArray(random, m * k);
        var b = RandomArray(random, k * n);
        var c = new float[m * n];
        var packed = new PackedMatrix();
        void Calls()
        {
            Gemm.Multiply(false, false, m, n, k, a, k, b, n, c, n, accumulate: false);
            Gemm.Multiply(true, true, m, n, k, a, m, b, k, c, n, accumulate: true);
            Gemm.Multiply(false, false, 1, n, k, a, k, b, n, c, n, accumulate: false);
            Gemm.PackRight(false, k, n, b, n, packed);
            Gemm.Multiply(false, m, a, k, packed, c, n, accumulate: true);
        }

        Calls();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            Calls();
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void EmptyDimensionsAreHandled()
    {
        var c = new[] { 1f, 2f, 3f, 4f };
        Gemm.Multiply(false, false, 2, 2, 0, [], 0, [], 2, c, 2, accumulate: true);
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, c);
        Gemm.Multiply(false, false, 2, 2, 0, [], 0, [], 2, c, 2, accumulate: false);
        Assert.Equal(new float[4], c);
        Gemm.Multiply(false, false, 0, 5, 3, [], 3, new float[15], 5, [], 5, accumulate: false);
    }

    [Fact]
    public void UndersizedOperandsAreRejected()
    {
        var a = new float[6];
        var c = new float[4];
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 2, 2, 3, a, 3, new float[5], 2, c, 2, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(false, false, 2, 2, 3, a, 2, new float[6], 2, c, 2, false));
    }

    private static IEnumerable<GemmKernelLevel> SupportedLevels()
        => Enum.GetValues<GemmKernelLevel>().Where(level => level <= Gemm.HardwareLevel);

    private static void WithLevel(int level, Action action)
    {
        Gemm.ForcedLevel = (GemmKernelLevel)level;
        try
        {
            action();
        }
        finally
        {
            Gemm.ForcedLevel = null;
        }
    }

    private static void CheckProduct(Random random, bool transposeA, bool transposeB, int m, int n, int k, bool accumulate, int padding)
    {
        var (a, lda) = RandomMatrix(random, transposeA ? k : m, transposeA ? m : k, padding);
        var (b, ldb) = RandomMatrix(random, transposeB ? n : k, transposeB ? k : n, padding);
        var (c, ldc) = RandomMatrix(random, m, n, padding);
        var expected = Reference(transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
        Gemm.Multiply(transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
        AssertClose(expected, c, ldc, m, n, $"{Gemm.Level} {m}x{n}x{k} tA={transposeA} tB={transposeB} acc={accumulate}");
    }

    private static void CheckPackedProduct(Random random, PackedMatrix packed, bool transposeA, bool transposeB, int m, int n, int k, bool accumulate)
    {
        var (a, lda) = RandomMatrix(random, transposeA ? k : m, transposeA ? m : k, padding: 2);
        var (b, ldb) = RandomMatrix(random, transposeB ? n : k, transposeB ? k : n, padding: 1);
        var (c, ldc) = RandomMatrix(random, m, n, padding: 3);
        var expected = Reference(transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);
        Gemm.PackRight(transposeB, k, n, b, ldb, packed);
        Gemm.Multiply(transposeA, m, a, lda, packed, c, ldc, accumulate);
        AssertClose(expected, c, ldc, m, n, $"packed {Gemm.Level} {m}x{n}x{k} tA={transposeA} tB={transposeB} acc={accumulate}");
    }

    /// <summary>Double-precision product; returns expected C (including untouched padding) and per-element error bounds.</summary>
    private static (double[] Value, double[] Bound) Reference(
        bool transposeA, bool transposeB, int m, int n, int k, float[] a, int lda, float[] b, int ldb, float[] c, int ldc, bool accumulate)
    {
        var value = c.Select(x => (double)x).ToArray();
        var bound = new double[c.Length];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0, magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    double product = (double)(transposeA ? a[(p * lda) + i] : a[(i * lda) + p]) * (transposeB ? b[(j * ldb) + p] : b[(p * ldb) + j]);
                    sum += product;
                    magnitude += Math.Abs(product);
                }

                int index = (i * ldc) + j;
                double initial = accumulate ? c[index] : 0;
                value[index] = initial + sum;
                bound[index] = 1e-6 * (k + 1) * (magnitude + Math.Abs(initial));
            }
        }

        return (value, bound);
    }

    private static void AssertClose((double[] Value, double[] Bound) expected, float[] actual, int ldc, int m, int n, string context)
    {
        for (int index = 0; index < actual.Length; index++)
        {
            double error = Math.Abs(actual[index] - expected.Value[index]);
            if (!(error <= expected.Bound[index]))
            {
                Assert.Fail($"{context}: C[{index / ldc},{index % ldc}] = {actual[index]}, expected {expected.Value[index]} (m={m}, n={n}).");
            }
        }
    }

    private static (float[] Data, int Stride) RandomMatrix(Random random, int rows, int cols, int padding)
    {
        int stride = cols + padding;
        return (RandomArray(random, Math.Max(0, ((rows - 1) * stride) + cols + padding)), stride);
    }

    private static float[] RandomArray(Random random, int length)
    {
        var data = new float[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return data;
    }
}
