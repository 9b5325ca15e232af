namespace Microsoft.ML.Recurrent.Engine.Kernels;

/// <summary>
/// Per-thread packing buffers (an A panel, an edge tile and a B block), pinned and 64-byte aligned.
/// They grow on demand and are reused, so GEMM calls allocate nothing after warm-up.
/// </summary>
internal sealed unsafe class GemmWorkspace
{
    [ThreadStatic]
    private static GemmWorkspace? current;

    private float[] storage = [];
    private int panelCapacity;
    private int tileCapacity;
    private int blockCapacity;

    /// <summary>Packed A panel: <c>MR·KC</c> floats.</summary>
    public float* APanel { get; private set; }

    /// <summary>Edge tile for partial column panels: <c>MR·NR</c> floats.</summary>
    public float* EdgeTile { get; private set; }

    /// <summary>Packed B block: <c>KC·NC</c> floats.</summary>
    public float* BBlock { get; private set; }

    /// <summary>Returns the calling thread's workspace, sized for kernel <typeparamref name="TKernel"/>.</summary>
    public static GemmWorkspace For<TKernel>()
        where TKernel : struct, IGemmKernel
    {
        var workspace = current ??= new GemmWorkspace();
        int panel = TKernel.MR * TKernel.KC;
        int tile = TKernel.MR * TKernel.NR;
        int block = TKernel.KC * TKernel.NC;
        if (workspace.panelCapacity < panel || workspace.tileCapacity < tile || workspace.blockCapacity < block)
        {
            workspace.Allocate(
                Math.Max(panel, workspace.panelCapacity),
                Math.Max(tile, workspace.tileCapacity),
                Math.Max(block, workspace.blockCapacity));
        }

        return workspace;
    }

    /// <summary>
    /// Allocates a pinned array of at least <paramref name="length"/> floats plus alignment slack and returns
    /// in <paramref name="alignedOffset"/> the index of its first 64-byte aligned element.
    /// </summary>
    public static float[] AllocatePinned(int length, out int alignedOffset)
    {
        var array = GC.AllocateUninitializedArray<float>(length + 16, pinned: true);
        fixed (float* start = array)
        {
            alignedOffset = (int)((64 - ((nint)start & 63)) & 63) / sizeof(float);
        }

        return array;
    }

    private static int RoundUp(int floats) => (floats + 15) & ~15;

    private void Allocate(int panel, int tile, int block)
    {
        panelCapacity = RoundUp(panel);
        tileCapacity = RoundUp(tile);
        blockCapacity = block;
        storage = AllocatePinned(panelCapacity + tileCapacity + blockCapacity, out int offset);
        fixed (float* start = storage)
        {
            APanel = start + offset;
        }

        EdgeTile = APanel + panelCapacity;
        BBlock = EdgeTile + tileCapacity;
    }
}
