using Microsoft.ML.Recurrent.Data;

namespace Microsoft.ML.Recurrent.Tests.Data;

/// <summary>Reading every column kind the estimators accept, including ML.NET's own token keys.</summary>
public class DataViewColumnsTests
{
    private sealed class Review
    {
        public string Text { get; set; } = string.Empty;

        public bool Positive { get; set; }

        public string Topic { get; set; } = string.Empty;

        public DateTime Day { get; set; }
    }

    private readonly MLContext ml = new(seed: 1);

    private IDataView Reviews() => ml.Data.LoadFromEnumerable(new[]
    {
        new Review { Text = "good movie", Positive = true, Topic = "film", Day = new DateTime(2024, 1, 1) },
        new Review { Text = "bad movie bad", Positive = false, Topic = "film", Day = new DateTime(2024, 1, 2) },
        new Review { Text = "good book", Positive = true, Topic = "books", Day = new DateTime(2024, 1, 3) },
    });

    [Fact]
    public void ReadsTokenKeysFromMlNetTextTransforms()
    {
        var data = ml.Transforms.Text.TokenizeIntoWords("Tokens", "Text")
            .Append(ml.Transforms.Conversion.MapValueToKey("Tokens"))
            .Append(ml.Transforms.Conversion.MapValueToKey("TopicKey", "Topic"))
            .Fit(Reviews()).Transform(Reviews());
        var tokens = data.Schema["Tokens"];
        Assert.True(SchemaCheck.Matches(tokens.Type, ColumnKind.KeyVector));
        var ids = DataViewColumns.ReadKeyVectors(data, tokens);
        var names = DataViewColumns.KeyNames(tokens);
        Assert.Equal(["good", "movie", "bad", "book"], names);
        Assert.Equal([["good", "movie"], ["bad", "movie", "bad"], ["good", "book"]], ids.Select(row => row.Select(id => names[id]).ToArray()).ToArray());
        Assert.Equal([0, 0, 1], DataViewColumns.ReadKeys(data, data.Schema["TopicKey"]));
        Assert.Equal(["film", "books"], DataViewColumns.KeyNames(data.Schema["TopicKey"]));
        Assert.Equal(["0", "0", "1"], DataViewColumns.ReadAsText(data, data.Schema["TopicKey"]).Select(k => (int.Parse(k) - 1).ToString()));
    }

    [Fact]
    public void ReadsBooleansTextAndTimes()
    {
        var data = Reviews();
        Assert.Equal([true, false, true], DataViewColumns.ReadBooleans(data, data.Schema["Positive"]));
        Assert.Equal(["good movie", "bad movie bad", "good book"], DataViewColumns.ReadText(data, data.Schema["Text"]));
        Assert.Equal(new DateTime(2024, 1, 2), DataViewColumns.ReadDateTimes(data, data.Schema["Day"])[1]);
    }

    [Fact]
    public void WrongTypeErrorNamesColumnTypeAndExpectation()
    {
        var data = Reviews();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SchemaCheck.Require(data.Schema, "Text", "tokens", ColumnKind.KeyVector));
        Assert.Contains("Column 'Text' (tokens) has type String", error.Message);
        Assert.Contains("a vector of keys (for example TokenizeIntoWords then MapValueToKey) was expected", error.Message);
    }
}
