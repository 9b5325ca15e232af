// TensorPrimitives is used throughout; importing its namespace would make 'Tensor' ambiguous with
// System.Numerics.Tensors.Tensor, so it is aliased once here instead.
global using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
