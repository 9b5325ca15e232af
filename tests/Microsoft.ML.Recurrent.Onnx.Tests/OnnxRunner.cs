using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Microsoft.ML.Recurrent.Onnx.Tests;

/// <summary>Runs an exported model in ONNX Runtime: named float/int64 inputs in, named float outputs out.</summary>
internal sealed class OnnxRunner : IDisposable
{
    private readonly InferenceSession session;

    public OnnxRunner(string path)
    {
        var options = new SessionOptions { IntraOpNumThreads = 1 };
        session = new InferenceSession(path, options);
    }

    public OnnxRunner(byte[] model)
    {
        session = new InferenceSession(model, new SessionOptions { IntraOpNumThreads = 1 });
    }

    public InferenceSession Session => session;

    public Dictionary<string, float[]> Run(params (string Name, object Values, int[] Shape)[] inputs)
    {
        var values = inputs.Select(i => i.Values switch
        {
            float[] f => NamedOnnxValue.CreateFromTensor(i.Name, new DenseTensor<float>(f, i.Shape)),
            long[] l => NamedOnnxValue.CreateFromTensor(i.Name, new DenseTensor<long>(l, i.Shape)),
            _ => throw new ArgumentException($"Unsupported input type for '{i.Name}'."),
        }).ToList();
        using var results = session.Run(values);
        return results.ToDictionary(r => r.Name, r => r.AsTensor<float>().ToArray());
    }

    public void Dispose() => session.Dispose();
}
