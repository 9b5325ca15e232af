using System.Numerics;

namespace Microsoft.ML.Recurrent.Engine.Losses;

/// <summary>The per-element part of a loss whose value at each element depends only on that element's prediction and target.</summary>
internal interface IPointwiseLossKernel
{
    /// <summary>
    /// Returns the losses ℓ(prediction, target) lane by lane and sets <paramref name="derivative"/> to dℓ/dprediction.
    /// Must be finite for prediction = target = 0, which pads the loop tail.
    /// </summary>
    Vector<float> Evaluate(Vector<float> prediction, Vector<float> target, out Vector<float> derivative);
}
