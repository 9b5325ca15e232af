using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Microsoft.ML.Recurrent.Engine.Threading;

/// <summary>
/// One spin-wait pause. On x86 this is the bare PAUSE instruction: <see cref="Thread.SpinWait(int)"/> also polls
/// for garbage-collection suspension on every call, which at a few hundred nanoseconds dominates the microsecond-scale
/// waits of per-timestep barriers.
/// </summary>
internal static class SpinPause
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Once()
    {
        if (X86Base.IsSupported)
        {
            X86Base.Pause();
        }
        else
        {
            Thread.SpinWait(1);
        }
    }
}
