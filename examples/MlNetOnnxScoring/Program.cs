using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Recurrent.Text.Pipeline;

// Scores sentences with a text classifier exported by TextClassifier.ExportOnnx (or the ML.NET transformer's
// ExportOnnx), inside an ML.NET pipeline: a tokenizing CustomMapping driven by the exported tokenizer JSON, then
// mlContext.Transforms.ApplyOnnxModel. No task library is referenced: the model runs in ONNX Runtime.
// Usage: dotnet run -c Release --project examples/MlNetOnnxScoring -- MODEL.onnx SENTENCES.tsv [PREDICTIONS.tsv]
//   SENTENCES.tsv: one sentence per line as "label<TAB>text", optionally with a third column, a reference probability
//   of class 1 (for example the recurrent transformer's, as examples/OnnxExport writes it) to compare with.
//   PREDICTIONS.tsv: receives each sentence's class probabilities, tab separated.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length < 2)
{
    Console.Error.WriteLine("Usage: MlNetOnnxScoring MODEL.onnx SENTENCES.tsv [PREDICTIONS.tsv]");
    return 2;
}

string modelPath = args[0];
string tokenizerPath = Path.ChangeExtension(modelPath, ".tokenizer.json");
var exported = JsonNode.Parse(File.ReadAllText(tokenizerPath))!;
var encoder = TextEncoder.FromJson(exported["input"]!["encoder"]!.AsObject());
var rows = File.ReadLines(args[1]).Select(line => line.Split('\t')).Select(f => new Sentence
{
    Label = f[0] == "1",
    Text = f[1],
    Reference = f.Length > 2 ? float.Parse(f[2], CultureInfo.InvariantCulture) : float.NaN,
}).ToArray();

var ml = new MLContext(seed: 1);
var data = ml.Data.LoadFromEnumerable(rows);
var pipeline = ml.Transforms.CustomMapping<Sentence, TokenIds>(
        (sentence, tokens) =>
        {
            tokens.token_ids = encoder.Encode(sentence.Text).Select(id => (long)id).ToArray();
            tokens.lengths = [tokens.token_ids.Length];
        },
        contractName: null)
    .Append(ml.Transforms.ApplyOnnxModel(outputColumnNames: ["probabilities"], inputColumnNames: ["token_ids", "lengths"], modelFile: modelPath));
var scored = pipeline.Fit(data).Transform(data);
var predictions = ml.Data.CreateEnumerable<Scored>(scored, reuseRowObject: false).ToArray();

int correct = 0, agree = 0, compared = 0;
float maxDifference = 0;
for (int i = 0; i < rows.Length; i++)
{
    var p = predictions[i].probabilities;
    correct += (p[1] > p[0]) == rows[i].Label ? 1 : 0;
    if (!float.IsNaN(rows[i].Reference))
    {
        compared++;
        maxDifference = Math.Max(maxDifference, Math.Abs(p[1] - rows[i].Reference));
        agree += (p[1] > p[0]) == (rows[i].Reference > 0.5f) ? 1 : 0;
    }
}

if (args.Length > 2)
{
    File.WriteAllLines(args[2], predictions.Select(p => string.Join('\t', p.probabilities.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
}

string[] taskLibraries = ["Forecasting", "TextClassification", "Translation", "TextGeneration"];
var loaded = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name!).Where(n => taskLibraries.Any(t => n.EndsWith(t, StringComparison.Ordinal))).ToArray();
Console.WriteLine($"ApplyOnnxModel scored {rows.Length} sentences: accuracy {100.0 * correct / rows.Length:F2} %");
if (compared > 0)
{
    Console.WriteLine($"against the reference probabilities: max |difference| {maxDifference:E2}, same predicted class for {agree} of {compared}");
}

Console.WriteLine($"task libraries loaded: {(loaded.Length == 0 ? "none" : string.Join(", ", loaded))}");
return 0;

/// <summary>A labelled sentence, with an optional reference probability of class 1.</summary>
internal sealed class Sentence
{
    public bool Label { get; set; }

    public string Text { get; set; } = string.Empty;

    public float Reference { get; set; }
}

/// <summary>The exported model's inputs: vocabulary ids of the sentence's tokens and their count (ONNX input names).</summary>
internal sealed class TokenIds
{
#pragma warning disable SA1300, IDE1006 // the ONNX model's input names
    public long[] token_ids { get; set; } = [];

    [VectorType(1)]
    public long[] lengths { get; set; } = [];
#pragma warning restore SA1300, IDE1006
}

/// <summary>The model's output column.</summary>
internal sealed class Scored
{
#pragma warning disable SA1300, IDE1006 // the ONNX model's output name
    public float[] probabilities { get; set; } = [];
#pragma warning restore SA1300, IDE1006
}
