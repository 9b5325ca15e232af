using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Engine.Tensors;

namespace Microsoft.ML.Recurrent.Engine.Tests.Persistence;

/// <summary>The typed reads every model's loader uses: each problem is a <see cref="ModelFormatException"/> naming the key path.</summary>
public class ArchitectureSectionTests
{
    private static readonly ArchitectureSection Root = new(
        JsonNode.Parse("""
            {"hiddenSize": 8, "name": "x", "flag": true, "rate": 0.5, "huge": 1e300, "cell": "Gru", "numeric": "1",
             "options": {"layers": "two", "items": [1, "b"], "sections": [{"id": 1}]}}
            """)!.AsObject(),
        "Test model file");

    private enum Cell
    {
        Lstm,
        Gru,
    }

    private static void AssertError(Action read, string expected)
    {
        var error = Assert.Throws<ModelFormatException>(read);
        Assert.StartsWith("The Test model file is invalid: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void ReadsWellFormedValues()
    {
        Assert.Equal(8, Root.Int32("hiddenSize", 1, 10));
        Assert.Equal("x", Root.String("name"));
        Assert.True(Root.Boolean("flag"));
        Assert.Equal(0.5f, Root.Single("rate"));
        Assert.Equal(Cell.Gru, Root.Enum<Cell>("cell"));
        Assert.Null(Root.OptionalInt32("absent"));
        Assert.Equal(1, Root.Section("options").Sections("sections")[0].Int32("id"));
    }

    [Fact]
    public void EveryProblemNamesTheKeyPathAndWhatWasExpected()
    {
        AssertError(() => Root.Int32("missing"), "it has no 'missing' (an integer was expected)");
        AssertError(() => Root.Int32("name"), "'name' is the string \"x\", but an integer was expected");
        AssertError(() => Root.Int32("hiddenSize", 1, 4), "'hiddenSize' is 8, but an integer from 1 to 4 was expected");
        AssertError(() => Root.Single("huge"), "'huge' is 1E+300, but a number within float range was expected");
        AssertError(() => Root.Boolean("hiddenSize"), "'hiddenSize' is the number 8, but true or false was expected");
        AssertError(() => Root.Enum<Cell>("numeric"), "'numeric' is \"1\", but one of Lstm, Gru was expected");
        AssertError(() => Root.Section("options").Int32("layers"), "'options.layers' is the string \"two\"");
        AssertError(() => Root.Section("options").Singles("items"), "'options.items[1]' is the string \"b\", but a finite number was expected");
        AssertError(() => Root.Section("options").Sections("sections")[0].String("id"), "'options.sections[0].id' is the number 1, but a string was expected");
        AssertError(() => Root.Section("name"), "'name' is the string \"x\", but an object was expected");
        AssertError(() => Root.Parse("name", "a number", int.Parse), "'name' is \"x\", but a number was expected");
        AssertError(() => Root.Read<int>("options", _ => throw new FormatException("bad vocabulary")), "'options' cannot be read: bad vocabulary");
        AssertError(() => Root.Section("options").Validate(() => throw new ArgumentOutOfRangeException("HiddenSize", "too big")), "'options.hiddenSize' is invalid: too big");
        AssertError(() => Root.Require(false, "hiddenSize", "disagrees with the weights"), "'hiddenSize' disagrees with the weights.");
    }

    [Fact]
    public void TensorsAreFetchedByNameAndShape()
    {
        var contents = new ModelContents("Test", "{}");
        contents.AddTensor("w", new Tensor(2, 3));
        Assert.Same(contents.Tensors["w"], contents.GetTensor("w", 2, -1));
        var error = Assert.Throws<ModelFormatException>(() => contents.GetTensor("w", 3, 3));
        Assert.Contains("its tensor 'w' has shape [2, 3], but its architecture needs [3, 3]", error.Message);
        error = Assert.Throws<ModelFormatException>(() => contents.GetTensor("v", 2));
        Assert.Contains("it has no tensor 'v'. It has: w.", error.Message);
    }
}
