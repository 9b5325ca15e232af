using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Modules;

/// <summary>Weight initialisation schemes: Xavier (Glorot) uniform for input weights, orthogonal for recurrent weights.</summary>
public static class Initializers
{
    /// <summary>Fills a [fanOut, fanIn] weight with U(-a, a), a = sqrt(6 / (fanIn + fanOut)).</summary>
    public static void XavierUniform(Span<float> weight, int fanIn, int fanOut, RandomSource random)
    {
        float limit = MathF.Sqrt(6f / (fanIn + fanOut));
        random.FillUniform(weight, -limit, limit);
    }

    /// <summary>
    /// Fills a row-major [rows, cols] block, rows ≥ cols or rows ≤ cols, with a (semi-)orthogonal matrix:
    /// Gram–Schmidt on a Gaussian matrix, in double precision.
    /// </summary>
    public static void Orthogonal(Span<float> block, int rows, int cols, RandomSource random)
    {
        bool transpose = rows < cols;
        int n = transpose ? cols : rows;   // number of long vectors' length
        int m = transpose ? rows : cols;   // number of orthonormal vectors
        var basis = new double[m][];
        for (int j = 0; j < m; j++)
        {
            var v = new double[n];
            do
            {
                for (int i = 0; i < n; i++)
                {
                    v[i] = random.NextNormal();
                }

                for (int p = 0; p < j; p++)
                {
                    double dot = 0;
                    for (int i = 0; i < n; i++)
                    {
                        dot += v[i] * basis[p][i];
                    }

                    for (int i = 0; i < n; i++)
                    {
                        v[i] -= dot * basis[p][i];
                    }
                }
            }
            while (!Normalize(v));
            basis[j] = v;
        }

        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                block[r * cols + c] = (float)(transpose ? basis[r][c] : basis[c][r]);
            }
        }
    }

    private static bool Normalize(double[] v)
    {
        double norm = Math.Sqrt(v.Sum(x => x * x));
        if (norm < 1e-6)
        {
            return false;
        }

        for (int i = 0; i < v.Length; i++)
        {
            v[i] /= norm;
        }

        return true;
    }
}
