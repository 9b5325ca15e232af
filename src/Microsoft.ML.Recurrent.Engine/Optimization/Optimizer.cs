using System.Collections.ObjectModel;
using Microsoft.ML.Recurrent.Engine.Modules;

namespace Microsoft.ML.Recurrent.Engine.Optimization;

/// <summary>
/// Base class of gradient-descent optimisers (PyTorch's <c>torch.optim.Optimizer</c> with a single parameter group).
/// Typical loop: forward, backward, optional <see cref="GradientClipping"/>, <see cref="Step"/>, <see cref="ZeroGrad"/>.
/// Per-parameter state buffers are allocated up front, so steps allocate nothing.
/// </summary>
public abstract class Optimizer
{
    private readonly Parameter[] parameters;
    private readonly List<(string Name, float[][] Buffers)> stateBuffers = new();
    private float learningRate;

    /// <summary>Creates an optimiser over <paramref name="parameters"/> (materialised; must be non-empty, without nulls or duplicates).</summary>
    protected Optimizer(IEnumerable<Parameter> parameters, float learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        this.parameters = parameters.ToArray();
        if (this.parameters.Length == 0)
        {
            throw new ArgumentException("Parameter 'parameters' is empty; an optimizer needs at least one parameter.", nameof(parameters));
        }

        var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < this.parameters.Length; i++)
        {
            var parameter = this.parameters[i]
                ?? throw new ArgumentException($"Parameter 'parameters' has a null entry at index {i}.", nameof(parameters));
            if (!seen.Add(parameter))
            {
                throw new ArgumentException(
                    $"Parameter 'parameters' contains '{parameter}' more than once (again at index {i}); each parameter may appear only once.",
                    nameof(parameters));
            }
        }

        OptimizationGuard.NonNegative(learningRate, nameof(learningRate));
        this.learningRate = learningRate;
        Parameters = new ReadOnlyCollection<Parameter>(this.parameters);
    }

    /// <summary>The optimised parameters, in the order given at construction.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Learning rate used by the next <see cref="Step"/>; finite and ≥ 0. Settable so a <see cref="LearningRateSchedule"/> can drive it.</summary>
    public float LearningRate
    {
        get => learningRate;
        set
        {
            OptimizationGuard.NonNegative(value, nameof(value));
            learningRate = value;
        }
    }

    /// <summary>Number of <see cref="Step"/> calls made (restored by <see cref="ImportState"/>).</summary>
    public long StepCount { get; protected set; }

    /// <summary>Updates every parameter's value from its accumulated gradient. Gradients are left unchanged.</summary>
    public abstract void Step();

    /// <summary>Sets the gradients of all optimised parameters to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in parameters)
        {
            parameter.Gradient.Clear();
        }
    }

    /// <summary>Copies the step count and all state buffers into a new <see cref="OptimizerState"/>.</summary>
    public OptimizerState ExportState()
    {
        var buffers = new IReadOnlyDictionary<string, float[]>[parameters.Length];
        for (int p = 0; p < parameters.Length; p++)
        {
            var named = new Dictionary<string, float[]>(stateBuffers.Count, StringComparer.Ordinal);
            foreach (var (name, values) in stateBuffers)
            {
                named.Add(name, (float[])values[p].Clone());
            }

            buffers[p] = named;
        }

        return new OptimizerState(StepCount, buffers);
    }

    /// <summary>
    /// Restores a state exported from an optimiser of the same kind over parameters of the same shapes.
    /// Everything is validated before anything is copied, so a rejected state leaves this optimiser unchanged.
    /// </summary>
    public void ImportState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Buffers.Count != parameters.Length)
        {
            throw new ArgumentException(
                $"Parameter 'state' holds buffers for {state.Buffers.Count} parameters, but this optimizer has {parameters.Length}.", nameof(state));
        }

        for (int p = 0; p < parameters.Length; p++)
        {
            var named = state.Buffers[p];
            if (named.Count != stateBuffers.Count)
            {
                throw new ArgumentException(
                    $"Parameter 'state' has {named.Count} buffers for parameter {p} ('{parameters[p].Name}'), but {GetType().Name} expects {stateBuffers.Count} ({ExpectedNames()}).",
                    nameof(state));
            }

            foreach (var (name, _) in stateBuffers)
            {
                if (!named.TryGetValue(name, out var values) || values is null)
                {
                    throw new ArgumentException(
                        $"Parameter 'state' has no '{name}' buffer for parameter {p} ('{parameters[p].Name}'); {GetType().Name} expects {ExpectedNames()}.",
                        nameof(state));
                }

                if (values.Length != parameters[p].Length)
                {
                    throw new ArgumentException(
                        $"Parameter 'state' has a '{name}' buffer of length {values.Length} for parameter {p} ('{parameters[p]}'), but the parameter has {parameters[p].Length} weights.",
                        nameof(state));
                }
            }
        }

        for (int p = 0; p < parameters.Length; p++)
        {
            foreach (var (name, buffers) in stateBuffers)
            {
                state.Buffers[p][name].CopyTo(buffers[p], 0);
            }
        }

        StepCount = state.StepCount;
    }

    /// <summary>
    /// Registers a named state buffer (for example <c>exp_avg</c>) and returns it: one zeroed array per parameter, indexed
    /// like <see cref="Parameters"/>, each as long as its parameter. Registered buffers are exported and imported automatically.
    /// </summary>
    protected float[][] AddStateBuffer(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (stateBuffers.Exists(s => s.Name == name))
        {
            throw new ArgumentException($"Parameter 'name' is '{name}', which is already registered.", nameof(name));
        }

        var buffers = new float[parameters.Length][];
        for (int p = 0; p < parameters.Length; p++)
        {
            buffers[p] = new float[parameters[p].Length];
        }

        stateBuffers.Add((name, buffers));
        return buffers;
    }

    private string ExpectedNames() => stateBuffers.Count == 0 ? "no buffers" : string.Join(", ", stateBuffers.Select(s => $"'{s.Name}'"));
}
