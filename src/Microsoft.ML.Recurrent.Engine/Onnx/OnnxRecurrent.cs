using Microsoft.ML.Recurrent.Engine.Recurrent;

namespace Microsoft.ML.Recurrent.Engine.Onnx;

/// <summary>The values a recurrent layer's ONNX nodes produce (see <see cref="OnnxModules.Recurrent"/>).</summary>
/// <param name="Sequence">Merged outputs of the last layer [steps, batch, OutputSize] (zero at padded steps).</param>
/// <param name="LastState">The last state [batch, OutputSize], as <see cref="RecurrentLayer.ReturnSequences"/> = false returns it.</param>
/// <param name="FinalHidden">Final hidden states [layers·directions, batch, hidden] (PyTorch's h_n).</param>
/// <param name="FinalCell">Final LSTM cells, same shape, or null for GRU and RNN layers.</param>
internal sealed record OnnxRecurrent(string Sequence, string LastState, string FinalHidden, string? FinalCell);
