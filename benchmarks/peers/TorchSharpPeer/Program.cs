using System.Text.Json;
using Microsoft.ML.Recurrent.Benchmarks;
using TorchSharp;
using static TorchSharp.torch;

// TorchSharp (libtorch 2.10) peer of the engine benchmarks: the configurations of benchmarks/peers/pytorch_rnn.py,
// each timed with 1 and 2 intra-op threads (the harness's timing loop); the faster is reported. One JSON line each.
// Usage (inside the trixie chroot): dotnet TorchSharpPeer.dll [--only NAME]
string? only = args.Length == 2 && args[0] == "--only" ? args[1] : null;
var configs = new (string Name, string Kind, string Cell, int Batch, int Steps, int Inputs, int Hidden, int Layers, bool Bidirectional)[]
{
    ("train-lstm-b64-t50-i32-h128", "train", "LSTM", 64, 50, 32, 128, 1, false),
    ("train-gru-b64-t50-i32-h128", "train", "GRU", 64, 50, 32, 128, 1, false),
    ("train-lstm-b64-t50-i32-h512", "train", "LSTM", 64, 50, 32, 512, 1, false),
    ("train-bilstm2-b64-t40-i128-h128", "train", "LSTM", 64, 40, 128, 128, 2, true),
    ("train-lstm-b32-t24-i1-h64", "train", "LSTM", 32, 24, 1, 64, 1, false),
    ("infer-lstm-b1-t50-i1-h64", "infer", "LSTM", 1, 50, 1, 64, 1, false),
    ("infer-gru-b256-t50-i32-h128", "infer", "GRU", 256, 50, 32, 128, 1, false),
    ("stream-gru-i32-h128", "stream", "GRU", 1, 1, 32, 128, 1, false),
};

foreach (var config in configs.Where(c => only is null || c.Name == only))
{
    (int Threads, double Seconds)? best = null;
    foreach (int threads in new[] { 1, 2 })
    {
        torch.set_num_threads(threads);
        double seconds = Measure(config);
        if (best is null || seconds < best.Value.Seconds)
        {
            best = (threads, seconds);
        }
    }

    var record = new Dictionary<string, object>
    {
        ["name"] = config.Name,
        ["kind"] = config.Kind,
        ["peer"] = "torchsharp-0.107-libtorch-" + torch.__version__,
        ["threads"] = best!.Value.Threads,
    };
    double s = best.Value.Seconds;
    if (config.Kind == "stream")
    {
        record["us_per_step"] = Math.Round(s * 1e6, 3);
    }
    else
    {
        record["us_per_call"] = Math.Round(s * 1e6, 3);
        record["sequences_per_s"] = Math.Round(config.Batch / s, 3);
    }

    Console.WriteLine(JsonSerializer.Serialize(record));
}

static double Measure((string Name, string Kind, string Cell, int Batch, int Steps, int Inputs, int Hidden, int Layers, bool Bidirectional) c)
{
    torch.manual_seed(1);
    if (c.Kind == "stream")
    {
        var cell = nn.GRUCell(c.Inputs, c.Hidden);
        var x = torch.randn(1, c.Inputs);
        var h = torch.zeros(1, c.Hidden);
        using var _ = torch.no_grad();
        return Timing.SecondsPerCall(() =>
        {
            using var scope = torch.NewDisposeScope();
            cell.forward(x, h);
        });
    }

    var input = torch.randn(c.Steps, c.Batch, c.Inputs);
    Func<Tensor, Tensor> forward;
    nn.Module recurrent;
    if (c.Cell == "LSTM")
    {
        var lstm = nn.LSTM(c.Inputs, c.Hidden, numLayers: c.Layers, bidirectional: c.Bidirectional);
        (recurrent, forward) = (lstm, x => lstm.forward(x).Item1);
    }
    else
    {
        var gru = nn.GRU(c.Inputs, c.Hidden, numLayers: c.Layers, bidirectional: c.Bidirectional);
        (recurrent, forward) = (gru, x => gru.forward(x).Item1);
    }

    if (c.Kind == "infer")
    {
        using var _ = torch.no_grad();
        return Timing.SecondsPerCall(() =>
        {
            using var scope = torch.NewDisposeScope();
            forward(input);
        });
    }

    var head = nn.Linear(c.Hidden * (c.Bidirectional ? 2 : 1), 1);
    var parameters = recurrent.parameters().Concat(head.parameters()).ToArray();
    var optimizer = torch.optim.Adam(parameters, lr: 1e-3);
    var target = torch.randn(c.Batch, 1);
    return Timing.SecondsPerCall(() =>
    {
        using var scope = torch.NewDisposeScope();
        optimizer.zero_grad();
        var output = forward(input);
        var loss = nn.functional.mse_loss(head.forward(output[-1]), target);
        loss.backward();
        nn.utils.clip_grad_norm_(parameters, 1.0);
        optimizer.step();
    }, roundSeconds: 1.0);
}
