using Microsoft.ML.Recurrent.Data;
using Microsoft.ML.Recurrent.Mapping;

namespace Microsoft.ML.Recurrent.TextGeneration;

/// <summary>The columns of a completion transform: text in; the best completion and, optionally, the top completions out.</summary>
internal sealed record TextCompletionColumns(string Input, string Output, string? Completions, int CompletionCount, int MaxCompletionLength)
{
    public static TextCompletionColumns From(LstmTextCompletionOptions options) =>
        new(options.InputColumnName, options.OutputColumnName, options.CompletionsColumnName, options.CompletionCount, options.MaxCompletionLength);

    public IReadOnlyList<OutputColumn> Outputs => Completions is null
        ? [new OutputColumn(Output, TextDataViewType.Instance)]
        : [new OutputColumn(Output, TextDataViewType.Instance), new OutputColumn(Completions, new VectorDataViewType(TextDataViewType.Instance, CompletionCount))];

    public void Check(DataViewSchema schema) => SchemaCheck.Require(schema, Input, "text", ColumnKind.Text);

    public void Check(SchemaShape shape) => SchemaCheck.Require(shape, Input, "text", ColumnKind.Text);
}
