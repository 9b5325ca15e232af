namespace Microsoft.ML.Recurrent.Engine.Modules;

/// <summary>
/// Per-module record of forward passes awaiting backward. Each training-mode forward pushes a frame
/// (activations and its output buffer); each backward pops the most recent one. A module can thus run
/// several times in one training step (a decoder cell at every timestep) and backpropagate in reverse.
/// Frames are recycled, so a steady training loop allocates nothing. Evaluation-mode passes use a per-thread
/// scratch frame, so concurrent evaluation-mode forwards on one module are safe.
/// </summary>
public sealed class Tape<TFrame>
    where TFrame : class, new()
{
    private readonly List<TFrame> frames = new();
    private readonly ThreadLocal<TFrame> scratch = new(() => new TFrame());
    private int count;

    /// <summary>The calling thread's frame for evaluation-mode forwards; overwritten by each call on that thread.</summary>
    public TFrame Scratch => scratch.Value!;

    /// <summary>Number of frames awaiting backward.</summary>
    public int Count => count;

    /// <summary>Returns a frame for a forward pass: a recorded one when training, else the scratch frame.</summary>
    public TFrame Next(bool training)
    {
        if (!training)
        {
            return Scratch;
        }

        if (count == frames.Count)
        {
            frames.Add(new TFrame());
        }

        return frames[count++];
    }

    /// <summary>The most recent recorded frame, still on the tape.</summary>
    public TFrame Peek(string moduleName) => count > 0
        ? frames[count - 1]
        : throw new InvalidOperationException($"'{moduleName}' has no recorded forward pass.");

    /// <summary>Returns the most recent recorded frame and removes it from the tape.</summary>
    public TFrame Pop(string moduleName)
    {
        if (count == 0)
        {
            throw new InvalidOperationException(
                $"Backward was called on '{moduleName}' without a matching training-mode Forward. " +
                "Call Train() before the forward pass, and call Backward once per Forward, in reverse order.");
        }

        return frames[--count];
    }

    /// <summary>Discards all recorded frames (their buffers are kept for reuse).</summary>
    public void Clear() => count = 0;
}
