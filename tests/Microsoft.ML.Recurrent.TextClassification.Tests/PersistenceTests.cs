using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent.TextClassification.Tests;

public class PersistenceTests
{
    private static byte[] Saved(TextClassifier model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        return stream.ToArray();
    }

    [Fact]
    public void LoadedTextModelPredictsBitIdentically()
    {
        var model = TrainedModels.Attention;
        string path = Path.Combine(Path.GetTempPath(), $"textclassifier-{Guid.NewGuid():N}.mlrnn");
        try
        {
            model.Save(path);
            var loaded = TextClassifier.Load(path);
            var (texts, _) = SyntheticTexts.Sentiment(50, seed: 40);
            var expected = model.PredictMany(texts);
            var actual = loaded.PredictMany(texts);
            for (int i = 0; i < texts.Length; i++)
            {
                Assert.Equal(expected[i].Probabilities, actual[i].Probabilities);
                Assert.Equal(expected[i].AttentionWeights, actual[i].AttentionWeights);
                Assert.Equal(expected[i].Tokens, actual[i].Tokens);
            }

            Assert.Equal(model.Predict("a lovely film").Probabilities, loaded.Predict("a lovely film").Probabilities);
            Assert.Equal(model.VocabularySize, loaded.VocabularySize);
            Assert.Equal(PoolingMode.Attention, loaded.Options.Pooling);
            Assert.Equal(Saved(model), Saved(loaded));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadedTokenIdModelWithExtraFeaturesPredictsBitIdentically()
    {
        var (texts, labels) = SyntheticTexts.Sentiment(100, seed: 41);
        var ids = texts.Select(TrainedModels.IdsOf).ToArray();
        var features = labels.Select(l => new float[] { l, 1f - l, 0.5f }).ToArray();
        var options = SyntheticTexts.Quick();
        options.Epochs = 2;
        options.ClassWeights = [1f, 2f];
        var model = TextClassifier.Fit(ids, TrainedModels.Names.Length, labels, 2, options, features, TrainedModels.Names);
        var loaded = TextClassifier.Load(new MemoryStream(Saved(model)));

        Assert.True(loaded.ReadsTokenIds);
        Assert.Equal(3, loaded.ExtraFeatureCount);
        Assert.Equal([1f, 2f], loaded.Options.ClassWeights);
        for (int i = 0; i < 20; i++)
        {
            var expected = model.Predict(ids[i], features[i]);
            var actual = loaded.Predict(ids[i], features[i]);
            Assert.Equal(expected.Probabilities, actual.Probabilities);
            Assert.Equal(expected.Tokens, actual.Tokens);
        }
    }

    [Fact]
    public void CorruptedOrTruncatedFilesAreRejected()
    {
        var bytes = Saved(TrainedModels.Attention);
        var corrupted = bytes.ToArray();
        corrupted[bytes.Length / 2] ^= 0x40;
        Assert.Throws<ModelFormatException>(() => TextClassifier.Load(new MemoryStream(corrupted)));
        Assert.Throws<ModelFormatException>(() => TextClassifier.Load(new MemoryStream(bytes[..(bytes.Length - 7)])));
        Assert.Throws<ModelFormatException>(() => TextClassifier.Load(new MemoryStream(bytes[..20])));
        Assert.Throws<ModelFormatException>(() => TextClassifier.Load(new MemoryStream([])));
    }

    [Fact]
    public void OtherModelKindsAreRejectedByName()
    {
        var contents = new ModelContents("Forecaster", new System.Text.Json.Nodes.JsonObject());
        using var stream = new MemoryStream();
        ModelFile.Save(stream, contents);
        stream.Position = 0;
        var error = Assert.Throws<ModelFormatException>(() => TextClassifier.Load(stream));
        Assert.Contains("'Forecaster'", error.Message);
    }

    [Fact]
    public void NewerArchitectureVersionsAreRejected()
    {
        var original = ModelFile.Load(new MemoryStream(Saved(TrainedModels.Attention)));
        var architecture = original.GetArchitecture();
        architecture["architectureVersion"] = 99;
        var newer = new ModelContents(original.Kind, architecture);
        foreach (var (name, tensor) in original.Tensors)
        {
            newer.AddTensor(name, tensor);
        }

        using var stream = new MemoryStream();
        ModelFile.Save(stream, newer);
        stream.Position = 0;
        Assert.Contains("version 99", Assert.Throws<ModelFormatException>(() => TextClassifier.Load(stream)).Message);
    }
}
