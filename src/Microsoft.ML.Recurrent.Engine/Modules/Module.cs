namespace Microsoft.ML.Recurrent.Engine.Modules;

/// <summary>
/// Base class of all layers and models. A module owns parameters and child modules, switches between
/// training and evaluation mode like PyTorch's <c>train()</c>/<c>eval()</c>, and in training mode records
/// its forward passes so that <c>Backward</c> calls, made in reverse order, accumulate parameter gradients.
/// Tensors returned by a forward pass belong to the module: in evaluation mode they are overwritten by the
/// next call; in training mode they stay valid until the matching backward pass.
/// </summary>
public abstract class Module
{
    private readonly List<Parameter> ownParameters = new();
    private readonly List<Module> children = new();
    private int[] lastOutputShape = Array.Empty<int>();

    /// <summary>Creates a module with a display name.</summary>
    protected Module(string name) => Name = name;

    /// <summary>Display name, used in summaries and qualified parameter names.</summary>
    public string Name { get; }

    /// <summary>Whether the module is in training mode (dropout active, forward passes recorded for backward).</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Child modules, in registration order.</summary>
    public IReadOnlyList<Module> Children => children;

    /// <summary>All trainable parameters of this module and its children, depth first.</summary>
    public IEnumerable<Parameter> Parameters => NamedParameters.Select(p => p.Parameter);

    /// <summary>All parameters with their qualified names (<c>child.name</c>), depth first.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters
    {
        get
        {
            foreach (var parameter in ownParameters)
            {
                yield return (parameter.Name, parameter);
            }

            foreach (var child in children)
            {
                foreach (var (name, parameter) in child.NamedParameters)
                {
                    yield return ($"{child.Name}.{name}", parameter);
                }
            }
        }
    }

    /// <summary>Total number of trainable scalars.</summary>
    public long ParameterCount => Parameters.Sum(p => (long)p.Length);

    /// <summary>Shape of the most recent forward output (empty before the first call); shown by model summaries.</summary>
    public ReadOnlySpan<int> LastOutputShape => lastOutputShape;

    /// <summary>Switches this module and its children to training (<c>true</c>) or evaluation mode.</summary>
    public void Train(bool training = true)
    {
        Training = training;
        ClearTape();
        foreach (var child in children)
        {
            child.Train(training);
        }
    }

    /// <summary>Switches to evaluation mode: dropout off, nothing recorded for backward.</summary>
    public void Eval() => Train(false);

    /// <summary>Sets all parameter gradients to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in Parameters)
        {
            parameter.Gradient.Clear();
        }
    }

    /// <summary>Discards forward passes recorded but not backpropagated (for example after computing a loss only).</summary>
    public void ClearTape()
    {
        OnClearTape();
        foreach (var child in children)
        {
            child.ClearTape();
        }
    }

    /// <summary>Clears this module's own recorded frames.</summary>
    protected virtual void OnClearTape()
    {
    }

    /// <summary>Registers and returns a parameter of this module.</summary>
    protected Parameter AddParameter(string name, params int[] shape)
    {
        var parameter = new Parameter(name, shape);
        ownParameters.Add(parameter);
        return parameter;
    }

    /// <summary>Registers and returns a child module.</summary>
    protected T AddChild<T>(T child)
        where T : Module
    {
        children.Add(child);
        return child;
    }

    /// <summary>Records the output shape of the latest forward pass.</summary>
    protected void RecordOutputShape(ReadOnlySpan<int> shape)
    {
        if (!shape.SequenceEqual(lastOutputShape))
        {
            lastOutputShape = shape.ToArray();
        }
    }
}
