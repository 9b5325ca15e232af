namespace Microsoft.ML.Recurrent.Engine.Threading;

/// <summary>
/// A unit of parallel work split into numbered parts. Subclasses are cached by their owners,
/// so dispatching a job allocates nothing.
/// </summary>
internal abstract class ParallelJob
{
    /// <summary>Runs part <paramref name="part"/> of <paramref name="partCount"/>.</summary>
    public abstract void Execute(int part, int partCount);
}
