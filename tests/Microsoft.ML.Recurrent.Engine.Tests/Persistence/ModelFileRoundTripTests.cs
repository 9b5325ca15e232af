using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Layers;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;
using static Microsoft.ML.Recurrent.Engine.Tests.Persistence.PersistenceTestSupport;

namespace Microsoft.ML.Recurrent.Engine.Tests.Persistence;

/// <summary>Saving then loading gives back the kind, architecture, metadata and bit-identical tensors, in order.</summary>
public class ModelFileRoundTripTests
{
    [Fact]
    public void WritesTheDocumentedByteLayout()
    {
        Assert.Equal(SampleRaw().Seal(), ToBytes(SampleContents()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RoundTripsThroughStreams(bool seekable)
    {
        var original = SampleContents();
        var loaded = FromBytes(ToBytes(original), seekable);

        Assert.Equal(ModelFile.CurrentFormatVersion, loaded.FormatVersion);
        Assert.Equal("Forecaster", loaded.Kind);
        Assert.Equal(original.Architecture, loaded.Architecture);
        Assert.Equal(5, (int)loaded.GetArchitecture()["hidden"]!);
        Assert.Equal(original.Metadata.ToArray(), loaded.Metadata.ToArray());
        Assert.Equal(["encoder.weight", "scaler.mean"], loaded.Tensors.Keys);
        foreach (var (name, tensor) in original.Tensors)
        {
            AssertBitIdentical(tensor, loaded.GetTensor(name));
        }
    }

    [Fact]
    public void RoundTripsLstmAndDenseThroughAFile()
    {
        var lstm = new Lstm(3, 5, numLayers: 2, bidirectional: true);
        var dense = new Dense(10, 4, new RandomSource(3), name: "head");
        var architecture = new JsonObject { ["inputSize"] = 3, ["hiddenSize"] = 5, ["numLayers"] = 2, ["bidirectional"] = true };
        var contents = ModelContents.FromModule("Tagger", architecture, lstm, [new("epochs", "12")], prefix: "encoder.");
        contents.AddModule(dense, "head.");
        contents.AddTensor("scaler.std", Tensor.FromArray([1e-40f, 2f, float.Epsilon], 3));

        using var scratch = new ScratchDirectory();
        string path = scratch.File("tagger.mlrnn");
        ModelFile.Save(path, contents);
        var loaded = ModelFile.Load(path);

        Assert.Equal(["tagger.mlrnn"], scratch.Entries());
        Assert.Equal(16 + 2 + 1, loaded.Tensors.Count);
        Assert.Equal(contents.Tensors.Keys, loaded.Tensors.Keys);
        Assert.Equal("encoder.weight_ih_l0", loaded.Tensors.Keys.First());
        Assert.Contains("encoder.bias_hh_l1_reverse", loaded.Tensors.Keys);
        Assert.True((bool)loaded.GetArchitecture()["bidirectional"]!);
        Assert.Equal("12", loaded.Metadata["epochs"]);

        var freshLstm = new Lstm(3, 5, numLayers: 2, bidirectional: true, random: new RandomSource(99));
        var freshDense = new Dense(10, 4, new RandomSource(42), name: "head");
        Assert.NotEqual(lstm.Parameters.First().Value.Span.ToArray(), freshLstm.Parameters.First().Value.Span.ToArray());
        loaded.LoadInto(freshLstm, "encoder.");
        loaded.LoadInto(freshDense, "head.");

        foreach (var ((_, expected), (_, actual)) in lstm.NamedParameters.Zip(freshLstm.NamedParameters))
        {
            AssertBitIdentical(expected.Value, actual.Value);
        }

        foreach (var ((_, expected), (_, actual)) in dense.NamedParameters.Zip(freshDense.NamedParameters))
        {
            AssertBitIdentical(expected.Value, actual.Value);
        }

        AssertBitIdentical(contents.GetTensor("scaler.std"), loaded.GetTensor("scaler.std"));
    }

    [Fact]
    public void RoundTripsEdgeCaseShapesAndUnicode()
    {
        var contents = new ModelContents("Modèle ✓", """{"vocabulary":["é","日本"],"nested":{"a":[1,2.5,null]}}""", [new("note", ""), new("émoji 🙂", "valeur")]);
        contents.AddTensor("scalar", Tensor.FromArray([42f]));
        contents.AddTensor("empty rows", new Tensor(0, 3));
        contents.AddTensor("empty cols", new Tensor(2, 0));
        contents.AddTensor("poids/日本", Tensor.FromArray([float.MaxValue, float.MinValue, -0f, 1e-45f], 1, 2, 1, 2));

        foreach (bool seekable in new[] { true, false })
        {
            var loaded = FromBytes(ToBytes(contents), seekable);
            Assert.Equal(contents.Kind, loaded.Kind);
            Assert.Equal(contents.Architecture, loaded.Architecture);
            Assert.Equal(contents.Metadata.ToArray(), loaded.Metadata.ToArray());
            Assert.Equal(contents.Tensors.Keys, loaded.Tensors.Keys);
            Assert.Equal(0, loaded.GetTensor("scalar").Rank);
            foreach (var (name, tensor) in contents.Tensors)
            {
                AssertBitIdentical(tensor, loaded.GetTensor(name));
            }
        }
    }

    [Fact]
    public void RoundTripsAModelWithNoMetadataOrTensors()
    {
        var loaded = FromBytes(ToBytes(new ModelContents("Empty", "{}")));
        Assert.Equal("Empty", loaded.Kind);
        Assert.Empty(loaded.Metadata);
        Assert.Empty(loaded.Tensors);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RoundTripsLargeTensorsInBulk(bool seekable)
    {
        var random = new RandomSource(5);
        var big = new Tensor(700, 300);
        for (int i = 0; i < big.Length; i++)
        {
            big.Span[i] = random.NextFloat() - 0.5f;
        }

        var contents = new ModelContents("Big", "{}");
        contents.AddTensor("big", big);
        var loaded = FromBytes(ToBytes(contents), seekable);
        AssertBitIdentical(big, loaded.GetTensor("big"));
    }

    [Fact]
    public void LoadsConsecutiveModelsFromOneStreamAndStopsAfterEach()
    {
        byte[] first = ToBytes(SampleContents());
        byte[] second = ToBytes(new ModelContents("Second", "{}"));
        byte[] trailer = [1, 2, 3];
        byte[] joined = [.. first, .. second, .. trailer];

        foreach (Stream stream in new Stream[] { new MemoryStream(joined), new ForwardOnlyStream(joined) })
        {
            Assert.Equal("Forecaster", ModelFile.Load(stream).Kind);
            Assert.Equal("Second", ModelFile.Load(stream).Kind);
            var rest = new byte[8];
            Assert.Equal(3, stream.Read(rest));
        }
    }

    [Fact]
    public void OverwritesAnExistingFile()
    {
        using var scratch = new ScratchDirectory();
        string path = scratch.File("model.bin");
        ModelFile.Save(path, SampleContents());
        ModelFile.Save(path, new ModelContents("Replacement", "{}"));

        Assert.Equal("Replacement", ModelFile.Load(path).Kind);
        Assert.Equal(["model.bin"], scratch.Entries());
    }

    [Fact]
    public void LoadedContentsCanBeSavedAgainIdentically()
    {
        byte[] bytes = ToBytes(SampleContents());
        Assert.Equal(bytes, ToBytes(FromBytes(bytes)));
    }
}
