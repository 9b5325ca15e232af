using System.Text.Json;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Optimization;

namespace Microsoft.ML.Recurrent.Engine.Tests.Optimization;

/// <summary>
/// Reads TestData/pytorch-optim/optim.json (written by generate_optim.py with Debian's PyTorch) and builds the matching
/// parameters and optimisers.
/// </summary>
internal static class OptimReference
{
    /// <summary>Agreement required with the float64 PyTorch reference: |expected − actual| ≤ Tolerance · max(1, |expected|).</summary>
    public const double Tolerance = 1e-6;

    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "pytorch-optim", "optim.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static readonly string[] ParameterNames = ["weight", "bias"];

    public static JsonElement Case(string name) => Root.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static float[] Floats(JsonElement element) => element.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

    /// <summary>Creates the reference parameters with the given values (by name) or zeros.</summary>
    public static Parameter[] CreateParameters(JsonElement? values = null)
    {
        var shapes = Root.GetProperty("shapes");
        return ParameterNames.Select(name =>
        {
            var parameter = new Parameter(name, shapes.GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray());
            if (values is { } v)
            {
                Floats(v.GetProperty(name)).CopyTo(parameter.Value.Span);
            }

            return parameter;
        }).ToArray();
    }

    /// <summary>Copies the reference gradient set <paramref name="step"/> into the parameters' gradients.</summary>
    public static void LoadGradients(IReadOnlyList<Parameter> parameters, int step)
    {
        var set = Root.GetProperty("gradients")[step];
        foreach (var parameter in parameters)
        {
            Floats(set.GetProperty(parameter.Name)).CopyTo(parameter.Gradient.Span);
        }
    }

    /// <summary>Builds the optimiser a reference case describes.</summary>
    public static Optimizer CreateOptimizer(JsonElement reference, IReadOnlyList<Parameter> parameters)
    {
        var h = reference.GetProperty("hyperparameters");
        float F(string name) => (float)h.GetProperty(name).GetDouble();
        float rate = F("learning_rate");
        return reference.GetProperty("optimizer").GetString() switch
        {
            "SGD" => new Sgd(parameters, rate, F("momentum"), F("weight_decay"), h.GetProperty("nesterov").GetBoolean()),
            "Adam" => new Adam(parameters, rate, F("beta1"), F("beta2"), F("epsilon"), F("weight_decay")),
            "AdamW" => new AdamW(parameters, rate, F("beta1"), F("beta2"), F("epsilon"), F("weight_decay")),
            var other => throw new InvalidOperationException($"Unknown optimizer {other}."),
        };
    }

    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            AssertClose(expected[i], actual[i], $"{what}[{i}]");
        }
    }

    public static void AssertClose(double expected, double actual, string what)
    {
        double difference = Math.Abs(expected - actual);
        Assert.True(
            difference <= Tolerance * Math.Max(1.0, Math.Abs(expected)),
            $"{what}: expected {expected:R}, got {actual:R} (difference {difference:E2}).");
    }
}
