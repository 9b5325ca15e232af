using Microsoft.ML.Recurrent.Mapping;

namespace Microsoft.ML.Recurrent.Translation;

/// <summary>Translates the current row's source text, once per row.</summary>
internal sealed class TranslationComputation : RowComputation
{
    private readonly LstmTranslationTransformer transformer;
    private readonly ValueGetter<ReadOnlyMemory<char>> readSource;
    private ReadOnlyMemory<char> source;
    private ReadOnlyMemory<char> translation;

    public TranslationComputation(LstmTranslationTransformer transformer, DataViewRow input)
        : base(input)
    {
        this.transformer = transformer;
        readSource = input.GetGetter<ReadOnlyMemory<char>>(input.Schema[transformer.SourceColumn]);
    }

    public override Delegate CreateGetter(int outputIndex) => Getter<ReadOnlyMemory<char>>((ref ReadOnlyMemory<char> value) => value = translation);

    protected override void Compute()
    {
        readSource(ref source);
        try
        {
            translation = transformer.Model.Translate(source.ToString(), transformer.DecodingSettings).Text.AsMemory();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"Row {Input.Position} of column '{transformer.SourceColumn}' cannot be translated: {ex.Message}", ex);
        }
    }
}
