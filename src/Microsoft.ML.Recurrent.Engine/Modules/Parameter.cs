using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Modules;

/// <summary>A trainable tensor and the gradient accumulated for it by backward passes.</summary>
public sealed class Parameter
{
    /// <summary>Creates a zero-initialised parameter.</summary>
    public Parameter(string name, params int[] shape)
    {
        Name = name;
        Value = new Tensor(shape);
        Gradient = new Tensor(shape);
    }

    /// <summary>Name, PyTorch style (for example <c>weight_ih_l0_reverse</c>); qualified by module path in <see cref="Module.NamedParameters"/>.</summary>
    public string Name { get; }

    /// <summary>Current value.</summary>
    public Tensor Value { get; private set; }

    /// <summary>Accumulated gradient of the loss with respect to <see cref="Value"/>.</summary>
    public Tensor Gradient { get; }

    /// <summary>
    /// Makes this parameter read and write <paramref name="source"/>'s value (its own gradient stays separate): how a
    /// replica of a module trains on part of a batch with the original's weights.
    /// </summary>
    internal void ShareValueOf(Parameter source)
    {
        if (!source.Value.Shape.SequenceEqual(Value.Shape))
        {
            throw new ArgumentException(
                $"Parameter '{source.Name}' has shape {Tensor.FormatShape(source.Value.Shape)}, but '{Name}' has {Tensor.FormatShape(Value.Shape)}.",
                nameof(source));
        }

        Value.Dispose();
        Value = source.Value;
    }

    /// <summary>Number of scalar weights.</summary>
    public int Length => Value.Length;

    /// <inheritdoc />
    public override string ToString() => $"{Name}{Tensor.FormatShape(Value.Shape)}";
}
