using Microsoft.ML.Recurrent.Engine.Layers;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Text.Vocabularies;
using Microsoft.ML.Recurrent.Text.WordVectors;

namespace Microsoft.ML.Recurrent.Text.Tests.WordVectors;

public class WordVectorTableTests
{
    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "wordvectors", name);

    [Fact]
    public void LoadsGloVeWithoutHeaderIncludingWordsWithSpaces()
    {
        var table = WordVectorTable.Load(DataFile("glove-3d.txt"));
        Assert.Equal(3, table.Dimension);
        Assert.Equal(4, table.Count);
        Assert.True(table.TryGetVector("cat", out var cat));
        Assert.Equal([-1.5f, 0.2f, 0f], cat.ToArray());
        Assert.True(table.TryGetVector("кот", out var kot));
        Assert.Equal([0.5f, 0.25f, -0.125f], kot.ToArray());
        Assert.True(table.TryGetVector(". . .", out var dots));
        Assert.Equal([1f, 2f, 3f], dots.ToArray());
        Assert.False(table.TryGetVector("dog", out _));
    }

    [Fact]
    public void LoadsWord2VecWithHeaderAndTrailingSpaces()
    {
        var table = WordVectorTable.Load(DataFile("word2vec-2d.txt"));
        Assert.Equal(2, table.Dimension);
        Assert.Equal(4, table.Count);
        Assert.True(table.TryGetVector("hello", out var hello));
        Assert.Equal([1f, 2f], hello.ToArray());
        Assert.Empty(table.SkippedLines);
    }

    [Fact]
    public void FilterKeepsOnlyRequestedWords()
    {
        var table = WordVectorTable.Load(DataFile("word2vec-2d.txt"), keep: w => w.StartsWith('w'));
        Assert.Equal(1, table.Count);
        Assert.True(table.Contains("world"));
    }

    [Fact]
    public void FirstOccurrenceOfARepeatedWordWins()
    {
        var table = WordVectorTable.Load(new StringReader("a 1 2\nb 3 4\na 5 6\n"));
        Assert.True(table.TryGetVector("a", out var a));
        Assert.Equal([1f, 2f], a.ToArray());
    }

    [Theory]
    [InlineData("a 1 2\nb 3\nc 5 6\n", "line 2 has 2 fields, but a word and 2 numbers were expected")]
    [InlineData("a 1 2\nb 3 x\n", "line 2 (word 'b') has 'x' as number 2")]
    [InlineData("a 1 2\nb 3 NaN\n", "line 2 (word 'b') has 'NaN' as number 2")]
    [InlineData("3 2\na 1 2\nb 3 4\n", "the header declares 3 vectors, but the file has 2")]
    [InlineData("lonely\na 1 2\n", "line 1 has no numbers after the word")]
    public void MalformedLinesThrowNamingTheLine(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => WordVectorTable.Load(new StringReader(text), "vectors.txt"));
        Assert.Contains(expected, error.Message);
        Assert.StartsWith("vectors.txt: ", error.Message);
    }

    [Fact]
    public void MalformedLinesCanBeSkippedAndReported()
    {
        var table = WordVectorTable.Load(new StringReader("a 1 2\nb 3\n\nc 5 6\nd 7 oops\n"), skipMalformedLines: true);
        Assert.Equal(2, table.Count);
        Assert.True(table.Contains("c"));
        Assert.Equal(2, table.SkippedLines.Count);
        Assert.StartsWith("line 2 ", table.SkippedLines[0]);
        Assert.StartsWith("line 5 ", table.SkippedLines[1]);
    }

    [Fact]
    public void EmptyInputIsAnError()
    {
        Assert.Contains("no vectors", Assert.Throws<FormatException>(() => WordVectorTable.Load(new StringReader("\n\n"))).Message);
    }

    [Fact]
    public void InitializesEmbeddingRowsAndCountsHits()
    {
        var table = WordVectorTable.Load(DataFile("word2vec-2d.txt"));
        var vocabulary = new Vocabulary(["Hello", "WORLD", "мир", "unseen"]);
        var embedding = new Embedding(vocabulary.Count, 2, new RandomSource(1), paddingIndex: Vocabulary.PadId);
        float[] before = embedding.Weight.Value.Values.ToArray();

        int hits = table.InitializeEmbedding(embedding, vocabulary);

        // "Hello" exists as written; "WORLD" only lowercased; "unseen" keeps its random row; specials untouched.
        Assert.Equal(3, hits);
        var weight = embedding.Weight.Value;
        Assert.Equal([5f, 6f], Row(weight, vocabulary.GetId("Hello")));
        Assert.Equal([7f, 8f], Row(weight, vocabulary.GetId("WORLD")));
        Assert.Equal([3f, 4f], Row(weight, vocabulary.GetId("мир")));
        Assert.Equal(before.AsSpan(vocabulary.GetId("unseen") * 2, 2).ToArray(), Row(weight, vocabulary.GetId("unseen")));
        Assert.Equal([0f, 0f], Row(weight, Vocabulary.PadId));
        Assert.Equal(before.AsSpan(0, 8).ToArray(), weight.Values[..8].ToArray());

        Assert.Equal(2, table.InitializeEmbedding(new Embedding(vocabulary.Count, 2), vocabulary, fallbackToLowercase: false));
    }

    [Fact]
    public void RejectsAnEmbeddingOfTheWrongShape()
    {
        var table = WordVectorTable.Load(DataFile("word2vec-2d.txt"));
        var vocabulary = new Vocabulary(["hello"]);
        Assert.Contains("dimension 2", Assert.Throws<ArgumentException>(() => table.InitializeEmbedding(new Embedding(5, 3), vocabulary)).Message);
        Assert.Contains("5 tokens", Assert.Throws<ArgumentException>(() => table.InitializeEmbedding(new Embedding(4, 2), vocabulary)).Message);
    }

    private static float[] Row(Tensor weight, int row) => weight.Values.Slice(row * 2, 2).ToArray();
}
