using Microsoft.ML.Data;
using Microsoft.ML.Recurrent.Mapping;

namespace Microsoft.ML.Recurrent.TextGeneration;

/// <summary>Completes the current row's text, once per row.</summary>
internal sealed class TextCompletionComputation : RowComputation
{
    /// <summary>How many more completions than wanted are searched, so enough distinct texts remain.</summary>
    private const int DistinctSearchFactor = 4;

    private readonly LstmTextCompletionTransformer transformer;
    private readonly ValueGetter<ReadOnlyMemory<char>> readText;
    private ReadOnlyMemory<char> text;
    private ReadOnlyMemory<char>[] completions = [];

    public TextCompletionComputation(LstmTextCompletionTransformer transformer, DataViewRow input)
        : base(input)
    {
        this.transformer = transformer;
        readText = input.GetGetter<ReadOnlyMemory<char>>(input.Schema[transformer.Columns.Input]);
    }

    public override Delegate CreateGetter(int outputIndex) => outputIndex == 0
        ? Getter<ReadOnlyMemory<char>>((ref ReadOnlyMemory<char> value) => value = completions[0])
        : Getter<VBuffer<ReadOnlyMemory<char>>>(ReadCompletions);

    protected override void Compute()
    {
        readText(ref text);
        var columns = transformer.Columns;
        int count = columns.Completions is null ? 1 : columns.CompletionCount;

        // The model ranks a word ended by different stop characters ("king," and "king.") separately; the columns list
        // distinct texts, so search a wider list and keep the first occurrence of each.
        completions = transformer.Model.Complete(text.ToString(), count * DistinctSearchFactor, columns.MaxCompletionLength)
            .Select(c => c.Text).Distinct(StringComparer.Ordinal).Take(count).Select(t => t.AsMemory()).ToArray();
    }

    /// <summary>The top completions, best first; slots beyond the completions found stay empty.</summary>
    private void ReadCompletions(ref VBuffer<ReadOnlyMemory<char>> value)
    {
        int size = transformer.Columns.CompletionCount;
        var editor = VBufferEditor.Create(ref value, size);
        for (int i = 0; i < size; i++)
        {
            editor.Values[i] = i < completions.Length ? completions[i] : ReadOnlyMemory<char>.Empty;
        }

        value = editor.Commit();
    }
}
