using Microsoft.ML.Recurrent.Engine.Layers;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Forecasting;

/// <summary>
/// The forecasting network: a recurrent encoder reads the window [Lookback, batch, InputWidth]; its last hidden state,
/// joined with the known features of the output steps, feeds a dense layer that emits every output step's quantiles
/// [batch, OutputSteps·Quantiles]. Evaluation-mode forwards are thread safe.
/// </summary>
internal sealed partial class ForecastNetwork : Module
{
    private readonly RecurrentLayer encoder;
    private readonly Dense head;
    private readonly int extraWidth;
    private Tensor? trainingHeadInput;
    private Tensor? hiddenGradient;

    /// <summary>Creates the network for <paramref name="layout"/>.</summary>
    public ForecastNetwork(ModelLayout layout, RecurrentCellType cell, int hiddenSize, int numLayers, float dropout, RandomSource random)
        : base("forecaster")
    {
        encoder = AddChild(RecurrentLayer.Create(cell, layout.InputWidth, hiddenSize, numLayers, dropout, random: random, name: "encoder"));
        encoder.ReturnSequences = false;
        encoder.RequiresInputGradient = false;
        extraWidth = layout.ExtraWidth;
        head = AddChild(new Dense(hiddenSize + extraWidth, layout.OutputWidth, random, name: "head"));
    }

    /// <summary>
    /// Runs the network. Training mode reuses internal buffers and records for <see cref="Backward"/>; evaluation mode
    /// allocates its joined input per call. The returned tensor belongs to the output layer (see <see cref="Module"/>).
    /// </summary>
    public Tensor Forward(Tensor input, ReadOnlySpan<float> extras)
    {
        var hidden = encoder.Forward(input).Output;
        int batch = hidden.Dim(0), width = hidden.Dim(1), joined = width + extraWidth;
        Tensor headInput;
        if (Training)
        {
            if (trainingHeadInput is null || !trainingHeadInput.HasShape([batch, joined]))
            {
                trainingHeadInput = new Tensor(batch, joined);
            }

            headInput = trainingHeadInput;
        }
        else
        {
            headInput = new Tensor(batch, joined);
        }

        var target = headInput.Span;
        var source = hidden.Values;
        for (int b = 0; b < batch; b++)
        {
            source.Slice(b * width, width).CopyTo(target.Slice(b * joined, width));
            extras.Slice(b * extraWidth, extraWidth).CopyTo(target.Slice(b * joined + width, extraWidth));
        }

        return head.Forward(headInput);
    }

    /// <summary>Backpropagates the gradient of the latest training-mode output.</summary>
    public void Backward(Tensor gradOutput)
    {
        var gradJoined = head.Backward(gradOutput);
        int batch = gradJoined.Dim(0), joined = gradJoined.Dim(1), width = joined - extraWidth;
        if (hiddenGradient is null || !hiddenGradient.HasShape([batch, width]))
        {
            hiddenGradient = new Tensor(batch, width);
        }

        var source = gradJoined.Values;
        var target = hiddenGradient.Span;
        for (int b = 0; b < batch; b++)
        {
            source.Slice(b * joined, width).CopyTo(target.Slice(b * width, width));
        }

        encoder.Backward(hiddenGradient);
    }
}
