using Microsoft.ML.Recurrent.Engine.Layers;
using Microsoft.ML.Recurrent.Engine.Modules;
using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Tests.Training;

public class ModelSummaryTests
{
    private sealed class Classifier : Module
    {
        public Classifier()
            : base("classifier")
        {
            Embedding = AddChild(new Embedding(100, 8, name: "embedding"));
            Encoder = AddChild(new Lstm(8, 16, bidirectional: true, name: "encoder"));
            Head = AddChild(new Dense(32, 3, new RandomSource(1), name: "head"));
        }

        public Embedding Embedding { get; }

        public Lstm Encoder { get; }

        public Dense Head { get; }
    }

    [Fact]
    public void ListsLayersShapesAndParameterCounts()
    {
        var model = new Classifier();
        model.Eval();
        model.Encoder.ReturnSequences = false;
        var embedded = model.Embedding.Forward(new int[20], 5, 4);
        model.Head.Forward(model.Encoder.Forward(embedded).Output);
        string summary = ModelSummary.Format(model);

        // PyTorch counts: LSTM 2 × (4·16·8 + 4·16·16 + 2·4·16) = 3,328; embedding 800; head 99.
        Assert.Contains("encoder (Lstm)", summary);
        Assert.Contains("[5, 4, 8]", summary);
        Assert.Contains("[4, 32]", summary);
        Assert.Contains("[4, 3]", summary);
        Assert.Contains("3,328", summary);
        Assert.Contains("Total params: 4,227", summary);
        Assert.Equal(4227, model.ParameterCount);
    }
}
