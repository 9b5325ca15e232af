using System.Text;
using System.Text.Json;
using Microsoft.ML.Recurrent.Benchmarks;
using Microsoft.ML.Recurrent.Engine.Threading;

// Usage: dotnet run -c Release --project benchmarks/Microsoft.ML.Recurrent.Benchmarks -- [--only NAME] [--threads N]
// Prints one JSON object per line: {"name":..., "kind":..., <measured fields>}.
// With --export-onnx DIR it instead writes the text classifier of predict-textclassifier to ONNX for the ONNX Runtime
// peer (benchmarks/peers/OnnxRuntimePeer).
string? only = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--only" when i + 1 < args.Length:
            only = args[++i];
            break;
        case "--export-onnx" when i + 1 < args.Length:
            TextClassifierPredictBenchmark.ExportOnnx(args[i + 1]);
            return 0;
        case "--threads" when i + 1 < args.Length && int.TryParse(args[i + 1], out int threads) && threads > 0:
            EngineThreads.Count = threads;
            i++;
            break;
        default:
            Console.Error.WriteLine($"Unknown or incomplete argument '{args[i]}'. Usage: [--only NAME] [--threads N] | --export-onnx DIR");
            return 2;
    }
}

var cases = BenchmarkRegistry.All().Where(c => only is null || c.Name == only).ToList();
if (cases.Count == 0)
{
    Console.Error.WriteLine($"No benchmark named '{only}'. Known: {string.Join(", ", BenchmarkRegistry.All().Select(c => c.Name))}");
    return 2;
}

foreach (var benchmark in cases)
{
    var fields = benchmark.Run();
    using var stream = new MemoryStream();
    using (var json = new Utf8JsonWriter(stream))
    {
        json.WriteStartObject();
        json.WriteString("name", benchmark.Name);
        json.WriteString("kind", benchmark.Kind);
        json.WriteNumber("threads", EngineThreads.Count);
        foreach (var (field, value) in fields)
        {
            json.WriteNumber(field, Math.Round(value, 3));
        }

        json.WriteEndObject();
    }

    Console.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
}

return 0;
