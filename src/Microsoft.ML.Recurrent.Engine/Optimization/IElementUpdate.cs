using System.Numerics;

namespace Microsoft.ML.Recurrent.Engine.Optimization;

/// <summary>
/// One optimiser's per-element update rule, applied by <see cref="ElementwiseUpdate.Run"/> to a vector of weights,
/// their gradients and up to two state buffers (state vectors are zero and ignored when a buffer is absent).
/// </summary>
internal interface IElementUpdate
{
    /// <summary>Updates <paramref name="value"/> and the state vectors in place from <paramref name="gradient"/>.</summary>
    void Apply(ref Vector<float> value, Vector<float> gradient, ref Vector<float> first, ref Vector<float> second);
}
