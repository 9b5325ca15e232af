using Microsoft.ML.Recurrent.Engine.Threading;

namespace Microsoft.ML.Recurrent.Engine.Modules;

/// <summary>
/// Data-parallel training: a replica is a module of the same architecture whose parameters use the original's values
/// but accumulate gradients of their own, so original and replica can run forward and backward on different rows of a
/// batch at the same time (each with its own recorded activations). <see cref="MoveGradients"/> then adds the
/// replica's gradients to the original's, where the optimizer finds them.
/// </summary>
internal sealed class ModuleReplica : ParallelJob
{
    /// <summary>Elements below which moving gradients is not split over threads.</summary>
    private const int MinParallelElements = 1 << 16;

    private readonly Parameter[] originals;
    private readonly Parameter[] replicas;
    private readonly long[] offsets;

    /// <summary>Makes <paramref name="replica"/>'s parameters share <paramref name="original"/>'s values.</summary>
    /// <exception cref="ArgumentException">The two modules do not have the same parameters (names and shapes).</exception>
    public ModuleReplica(Module original, Module replica)
    {
        var originalParameters = original.NamedParameters.ToArray();
        var replicaParameters = replica.NamedParameters.ToArray();
        if (originalParameters.Length != replicaParameters.Length)
        {
            throw new ArgumentException(
                $"The replica has {replicaParameters.Length} parameters, but the original module has {originalParameters.Length}.", nameof(replica));
        }

        originals = new Parameter[originalParameters.Length];
        replicas = new Parameter[originalParameters.Length];
        offsets = new long[originalParameters.Length + 1];
        for (int i = 0; i < originals.Length; i++)
        {
            if (originalParameters[i].Name != replicaParameters[i].Name)
            {
                throw new ArgumentException(
                    $"The replica's parameter {i} is '{replicaParameters[i].Name}', but the original's is '{originalParameters[i].Name}'.", nameof(replica));
            }

            originals[i] = originalParameters[i].Parameter;
            replicas[i] = replicaParameters[i].Parameter;
            replicas[i].ShareValueOf(originals[i]);
            offsets[i + 1] = offsets[i] + originals[i].Length;
        }

        Replica = replica;
    }

    /// <summary>The replica module.</summary>
    public Module Replica { get; }

    /// <summary>Adds every replica gradient to the original's and clears the replica's, ready for its next backward pass.</summary>
    public void MoveGradients() => WorkerPool.Run(this, (int)Math.Clamp(offsets[^1] / MinParallelElements, 1, EngineThreads.Count));

    /// <inheritdoc/>
    public override void Execute(int part, int partCount)
    {
        long total = offsets[^1], start = total * part / partCount, end = total * (part + 1) / partCount;
        for (int i = 0; i < originals.Length; i++)
        {
            long from = Math.Max(start, offsets[i]), to = Math.Min(end, offsets[i + 1]);
            if (from >= to)
            {
                continue;
            }

            int offset = (int)(from - offsets[i]), length = (int)(to - from);
            var source = replicas[i].Gradient.Span.Slice(offset, length);
            var target = originals[i].Gradient.Span.Slice(offset, length);
            TensorPrimitives.Add(target, source, target);
            source.Clear();
        }
    }
}
