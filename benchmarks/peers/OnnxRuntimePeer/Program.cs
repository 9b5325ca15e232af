using System.Text.Json;
using Microsoft.ML.Recurrent.Benchmarks;
using Microsoft.ML.OnnxRuntime;

// ONNX Runtime peer of the engine's inference benchmarks, with 1 and 2 intra-op threads (one JSON line each):
//   infer-lstm-b1-t50-i1-h64     lstm-i1-h64.onnx, one sequence of 50 steps (latency)
//   infer-gru-b256-t50-i32-h128  gru-i32-h128.onnx, 256 sequences of 50 steps (throughput)
//   predict-textclassifier       textclassifier.onnx and textclassifier-input.json (the token ids of the benchmark's
//                                sentence), when present: the exported classifier on one sentence (latency; tokenization
//                                is not included, unlike our figure)
// The models come from benchmarks/peers/export_onnx_rnn.py and the harness's --export-onnx (see benchmarks/compare.py).
// Usage: dotnet OnnxRuntimePeer.dll MODEL_DIR [--only NAME]
string directory = args[0];
string? only = args.Length == 3 && args[1] == "--only" ? args[2] : null;
var random = new Random(1);

Run("infer-lstm-b1-t50-i1-h64", "lstm-i1-h64.onnx", 1, session => RecurrentInput(session, 50, 1, 1));
Run("infer-gru-b256-t50-i32-h128", "gru-i32-h128.onnx", 256, session => RecurrentInput(session, 50, 256, 32));
Run("predict-textclassifier", "textclassifier.onnx", 1, ClassifierInput);

void Run(string name, string file, int batch, Func<InferenceSession, Dictionary<string, OrtValue>> inputs)
{
    string path = Path.Combine(directory, file);
    if ((only is not null && only != name) || !File.Exists(path))
    {
        return;
    }

    foreach (int threads in new[] { 1, 2 })
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        using var session = new InferenceSession(path, options);
        var feed = inputs(session);
        using var runOptions = new RunOptions();
        var outputs = session.OutputNames.ToArray();
        double seconds = Timing.SecondsPerCall(() =>
        {
            using var results = session.Run(runOptions, feed, outputs);
        });
        foreach (var value in feed.Values)
        {
            value.Dispose();
        }

        var record = new Dictionary<string, object>
        {
            ["name"] = name,
            ["kind"] = name.Split('-')[0],
            ["peer"] = $"onnxruntime-1.32 ({threads} thread{(threads == 1 ? "" : "s")})",
            ["threads"] = threads,
            ["us_per_call"] = Math.Round(seconds * 1e6, 3),
            ["sequences_per_s"] = Math.Round(batch / seconds, 3),
        };
        Console.WriteLine(JsonSerializer.Serialize(record));
    }
}

Dictionary<string, OrtValue> RecurrentInput(InferenceSession session, int steps, int batch, int inputs)
{
    var x = new float[steps * batch * inputs];
    for (int i = 0; i < x.Length; i++)
    {
        x[i] = (float)(random.NextDouble() * 2 - 1);
    }

    return new() { [session.InputNames[0]] = OrtValue.CreateTensorValueFromMemory(x, [steps, batch, inputs]) };
}

Dictionary<string, OrtValue> ClassifierInput(InferenceSession session)
{
    var ids = JsonSerializer.Deserialize<long[]>(File.ReadAllText(Path.Combine(directory, "textclassifier-input.json")))!;
    return new()
    {
        ["token_ids"] = OrtValue.CreateTensorValueFromMemory(ids, [1, ids.Length]),
        ["lengths"] = OrtValue.CreateTensorValueFromMemory(new long[] { ids.Length }, [1]),
    };
}
