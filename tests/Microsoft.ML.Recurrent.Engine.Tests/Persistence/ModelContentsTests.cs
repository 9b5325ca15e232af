using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Layers;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;
using static Microsoft.ML.Recurrent.Engine.Tests.Persistence.PersistenceTestSupport;

namespace Microsoft.ML.Recurrent.Engine.Tests.Persistence;

/// <summary>Building contents from modules, extra tensors, and the checks <see cref="ModelContents.LoadInto"/> makes.</summary>
public class ModelContentsTests
{
    private static readonly JsonObject Architecture = new() { ["type"] = "test" };

    [Fact]
    public void FromModuleUsesQualifiedNamesInOrderAndReferencesTheWeights()
    {
        var lstm = new Lstm(3, 5, numLayers: 2, bidirectional: true);
        var contents = ModelContents.FromModule("Tagger", Architecture, lstm, prefix: "encoder.");

        Assert.Equal(lstm.NamedParameters.Select(p => "encoder." + p.Name), contents.Tensors.Keys);
        Assert.Same(lstm.Parameters.First().Value, contents.Tensors["encoder.weight_ih_l0"]);
        Assert.Equal([20, 3], contents.GetTensor("encoder.weight_ih_l0").Shape.ToArray());
        Assert.Equal([20, 10], contents.GetTensor("encoder.weight_ih_l1_reverse").Shape.ToArray());
    }

    [Fact]
    public void MissingParametersAreListed()
    {
        var contents = ModelContents.FromModule("Forecaster", Architecture, new Lstm(3, 5));
        var deeper = new Lstm(3, 5, numLayers: 2);

        var error = Assert.Throws<ModelFormatException>(() => contents.LoadInto(deeper));

        Assert.Contains("module 'lstm'", error.Message);
        Assert.Contains("missing from the Forecaster model: weight_ih_l1, weight_hh_l1, bias_ih_l1, bias_hh_l1", error.Message);
    }

    [Fact]
    public void ShapeMismatchNamesBothShapes()
    {
        var contents = ModelContents.FromModule("Forecaster", Architecture, new Lstm(3, 5));
        var error = Assert.Throws<ModelFormatException>(() => contents.LoadInto(new Lstm(3, 6)));
        Assert.Contains("'weight_ih_l0' has shape [20, 3] in the Forecaster model, but the module expects [24, 3]", error.Message);
        Assert.Contains("'bias_hh_l0' has shape [20] in the Forecaster model, but the module expects [24]", error.Message);
    }

    [Fact]
    public void TensorsTheModuleLacksAreListed()
    {
        var contents = ModelContents.FromModule("Forecaster", Architecture, new Lstm(3, 5, bidirectional: true));
        var error = Assert.Throws<ModelFormatException>(() => contents.LoadInto(new Lstm(3, 5)));
        Assert.Contains(
            "tensors the module does not: weight_ih_l0_reverse, weight_hh_l0_reverse, bias_ih_l0_reverse, bias_hh_l0_reverse",
            error.Message);
    }

    [Fact]
    public void MismatchUnderAPrefixNamesThePrefix()
    {
        var contents = ModelContents.FromModule("Translator", Architecture, new Dense(4, 3, new RandomSource(1), name: "dense"), prefix: "decoder.");
        contents.AddTensor("decoder.extra", new Tensor(2));
        var error = Assert.Throws<ModelFormatException>(() => contents.LoadInto(new Dense(4, 3, new RandomSource(1), bias: false), "decoder."));
        Assert.Contains("The tensors under the prefix 'decoder.' do not match the parameters of module 'dense'", error.Message);
        Assert.Contains("tensors the module does not: decoder.bias, decoder.extra (extra tensors must be named outside the prefix 'decoder.')", error.Message);
    }

    [Fact]
    public void FailedLoadChangesNothing()
    {
        var source = new Dense(4, 3, new RandomSource(1));
        var contents = ModelContents.FromModule("Head", Architecture, source);
        contents.AddTensor("stray", new Tensor(1));
        var target = new Dense(4, 3, new RandomSource(2));
        float[] before = target.Weight.Value.Span.ToArray();

        Assert.Throws<ModelFormatException>(() => contents.LoadInto(target));
        Assert.Equal(before, target.Weight.Value.Span.ToArray());
    }

    [Fact]
    public void ExtraTensorsOutsideThePrefixAreIgnoredByLoadInto()
    {
        var source = new Dense(4, 3, new RandomSource(1), bias: false);
        var contents = ModelContents.FromModule("Head", Architecture, source, prefix: "model.");
        contents.AddTensor("vocabulary.embeddings", new Tensor(10, 4));
        var target = new Dense(4, 3, new RandomSource(2), bias: false);

        contents.LoadInto(target, "model.");

        AssertBitIdentical(source.Weight.Value, target.Weight.Value);
        Assert.Equal([10, 4], contents.GetTensor("vocabulary.embeddings").Shape.ToArray());
    }

    [Fact]
    public void GetTensorListsWhatIsThere()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => SampleContents().GetTensor("decoder.weight"));
        Assert.Contains("no tensor 'decoder.weight'", error.Message);
        Assert.Contains("encoder.weight, scaler.mean", error.Message);
    }

    [Fact]
    public void RejectsInvalidInput()
    {
        var contents = new ModelContents("Kind", "{}");
        contents.AddTensor("w", new Tensor(1));
        Assert.Contains("already added", Assert.Throws<ArgumentException>(() => contents.AddTensor("w", new Tensor(1))).Message);
        Assert.Throws<ArgumentException>(() => contents.AddTensor("", new Tensor(1)));
        Assert.Throws<ArgumentException>(() => contents.AddTensor("bad\uD800name", new Tensor(1)));
        Assert.Throws<ArgumentException>(() => new ModelContents("", "{}"));
        Assert.Contains("not valid JSON", Assert.Throws<ArgumentException>(() => new ModelContents("Kind", "{oops")).Message);
        Assert.Contains("JSON object", Assert.Throws<ArgumentException>(() => new ModelContents("Kind", "42")).Message);
        Assert.Throws<ArgumentException>(() => contents.SetMetadata("", "value"));
    }

    [Fact]
    public void MetadataCanBeSetAfterConstruction()
    {
        var contents = SampleContents();
        contents.SetMetadata("validation.mae", "0.125");
        contents.SetMetadata("library", "0.2.0");
        var loaded = FromBytes(ToBytes(contents));
        Assert.Equal(["library", "created", "validation.mae"], loaded.Metadata.Keys);
        Assert.Equal("0.2.0", loaded.Metadata["library"]);
    }

    [Fact]
    public void GetArchitectureReturnsAnIndependentCopy()
    {
        var contents = SampleContents();
        var architecture = contents.GetArchitecture();
        architecture["hidden"] = 99;
        Assert.Equal(5, (int)contents.GetArchitecture()["hidden"]!);
    }
}
