using Microsoft.ML.Recurrent.Engine.Modules;

namespace Microsoft.ML.Recurrent.Engine.Training;

/// <summary>A copy of parameter values, for keeping the best weights during early stopping.</summary>
internal sealed class WeightSnapshot(IReadOnlyList<Parameter> parameters)
{
    private readonly float[][] values = parameters.Select(p => new float[p.Length]).ToArray();

    /// <summary>Copies the current parameter values into the snapshot.</summary>
    public void Capture()
    {
        for (int i = 0; i < values.Length; i++)
        {
            parameters[i].Value.Span.CopyTo(values[i]);
        }
    }

    /// <summary>Copies the snapshot back into the parameters.</summary>
    public void Restore()
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i].CopyTo(parameters[i].Value.Span);
        }
    }
}
