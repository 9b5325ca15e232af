namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>Portable scalar micro-kernel: up to 4×8 tiles, one row at a time with eight register accumulators.</summary>
internal readonly unsafe struct GemmKernelScalar : IGemmKernel
{
    /// <inheritdoc/>
    public static int MR => 4;

    /// <inheritdoc/>
    public static int NR => 8;

    /// <inheritdoc/>
    public static int KC => 256;

    /// <inheritdoc/>
    public static int NC => 256;

    /// <inheritdoc/>
    public static void Row(int panels, int kc, float* a, float* b, nint step, nint panelStride, float* c, bool add)
    {
        for (int j = 0; j < panels * NR; j++)
        {
            float sum = 0f;
            float* bp = b + ((j / NR) * panelStride) + (j % NR);
            for (int p = 0; p < kc; p++, bp += step)
            {
                sum += a[p] * *bp;
            }

            c[j] = add ? c[j] + sum : sum;
        }
    }

    /// <inheritdoc/>
    public static void Tile(int rows, int kc, float* a, float* b, nint step, float* c, int ldc, bool add)
    {
        for (int r = 0; r < rows; r++, c += ldc)
        {
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
            float* ap = a + r;
            float* bp = b;
            for (int p = 0; p < kc; p++, ap += rows, bp += step)
            {
                float av = *ap;
                s0 += av * bp[0];
                s1 += av * bp[1];
                s2 += av * bp[2];
                s3 += av * bp[3];
                s4 += av * bp[4];
                s5 += av * bp[5];
                s6 += av * bp[6];
                s7 += av * bp[7];
            }

            if (add)
            {
                s0 += c[0];
                s1 += c[1];
                s2 += c[2];
                s3 += c[3];
                s4 += c[4];
                s5 += c[5];
                s6 += c[6];
                s7 += c[7];
            }

            c[0] = s0;
            c[1] = s1;
            c[2] = s2;
            c[3] = s3;
            c[4] = s4;
            c[5] = s5;
            c[6] = s6;
            c[7] = s7;
        }
    }
}
