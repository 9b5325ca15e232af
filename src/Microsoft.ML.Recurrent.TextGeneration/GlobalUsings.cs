// Aliased rather than imported, so that 'Tensor' stays the engine's tensor (as in the engine itself).
global using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
