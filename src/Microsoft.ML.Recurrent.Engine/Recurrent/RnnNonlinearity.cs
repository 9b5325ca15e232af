namespace Microsoft.ML.Recurrent.Engine.Recurrent;

/// <summary>Nonlinearity of a <see cref="SimpleRnn"/>, as PyTorch's <c>nonlinearity</c> argument.</summary>
public enum RnnNonlinearity
{
    /// <summary>Hyperbolic tangent (the default).</summary>
    Tanh,

    /// <summary>Rectified linear unit.</summary>
    Relu,
}
