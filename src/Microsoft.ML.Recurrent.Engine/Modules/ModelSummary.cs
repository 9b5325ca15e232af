using System.Globalization;
using System.Text;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Modules;

/// <summary>
/// A Keras-style <c>model.summary()</c>: every module with its type, the output shape of its latest forward pass
/// and its parameter count, then the totals. Run one forward pass first so shapes are known.
/// </summary>
public static class ModelSummary
{
    /// <summary>Formats the summary of <paramref name="model"/> as a text table.</summary>
    public static string Format(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = new List<(string Layer, string Shape, string Parameters)>();
        Collect(model, 0, rows);
        int layerWidth = Math.Max(20, rows.Max(r => r.Layer.Length) + 2);
        int shapeWidth = Math.Max(16, rows.Max(r => r.Shape.Length) + 2);
        int totalWidth = layerWidth + shapeWidth + 14;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Model: \"{model.Name}\"");
        text.AppendLine(new string('=', totalWidth));
        text.AppendLine($"{"Layer (type)".PadRight(layerWidth)}{"Output shape".PadRight(shapeWidth)}{"Param #",14}");
        text.AppendLine(new string('-', totalWidth));
        foreach (var (layer, shape, parameters) in rows)
        {
            text.AppendLine($"{layer.PadRight(layerWidth)}{shape.PadRight(shapeWidth)}{parameters,14}");
        }

        text.AppendLine(new string('=', totalWidth));
        text.AppendLine(CultureInfo.InvariantCulture, $"Total params: {model.ParameterCount:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Parameter memory: {model.ParameterCount * sizeof(float) / 1024.0:N1} KiB (float32)");
        return text.ToString();
    }

    private static void Collect(Module module, int depth, List<(string, string, string)> rows)
    {
        string shape = module.LastOutputShape.IsEmpty ? "(not run yet)" : Tensor.FormatShape(module.LastOutputShape);
        rows.Add(($"{new string(' ', 2 * depth)}{module.Name} ({module.GetType().Name})", shape, module.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)));
        foreach (var child in module.Children)
        {
            Collect(child, depth + 1, rows);
        }
    }
}
