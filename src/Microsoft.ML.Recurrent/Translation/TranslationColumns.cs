using Microsoft.ML.Recurrent.Data;
using Microsoft.ML.Recurrent.Mapping;

namespace Microsoft.ML.Recurrent.Translation;

/// <summary>The columns of a translation transform: source text in, translation out, and the target text when training.</summary>
internal sealed record TranslationColumns(string Output, string Source, string Target)
{
    public static TranslationColumns From(LstmTranslationOptions options) => new(options.OutputColumnName, options.SourceColumnName, options.TargetColumnName);

    public IReadOnlyList<OutputColumn> Outputs => [new OutputColumn(Output, TextDataViewType.Instance)];

    /// <summary>Checks the source column of a schema (what translating needs).</summary>
    public void CheckSource(DataViewSchema schema) => SchemaCheck.Require(schema, Source, "source text", ColumnKind.Text);

    /// <summary>Checks the source and target columns of a schema (what training needs).</summary>
    public void CheckTraining(DataViewSchema schema)
    {
        CheckSource(schema);
        SchemaCheck.Require(schema, Target, "target text", ColumnKind.Text);
    }

    /// <summary>Checks the source and target columns of an estimator's input shape.</summary>
    public void CheckTraining(SchemaShape shape)
    {
        SchemaCheck.Require(shape, Source, "source text", ColumnKind.Text);
        SchemaCheck.Require(shape, Target, "target text", ColumnKind.Text);
    }
}
