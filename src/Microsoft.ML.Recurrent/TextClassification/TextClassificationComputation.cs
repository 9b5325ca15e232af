using Microsoft.ML.Data;
using Microsoft.ML.Recurrent.Mapping;
using Microsoft.ML.Recurrent.TextClassification;

namespace Microsoft.ML.Recurrent;

/// <summary>Classifies the current row of a cursor or prediction engine, once per row, and serves the output columns.</summary>
internal sealed class TextClassificationComputation : RowComputation
{
    private readonly LstmTextClassificationTransformer transformer;
    private readonly ValueGetter<ReadOnlyMemory<char>>? readText;
    private readonly ValueGetter<VBuffer<uint>>? readKeys;
    private readonly ValueGetter<VBuffer<float>>? readExtras;
    private readonly Delegate[] getters;
    private ReadOnlyMemory<char> text;
    private VBuffer<uint> keys;
    private VBuffer<float> extras;
    private int[] ids = [];
    private TextPrediction? prediction;

    public TextClassificationComputation(LstmTextClassificationTransformer transformer, DataViewRow input)
        : base(input)
    {
        this.transformer = transformer;
        var columns = transformer.Columns;
        var textColumn = input.Schema[columns.Text];
        if (textColumn.Type is TextDataViewType)
        {
            readText = input.GetGetter<ReadOnlyMemory<char>>(textColumn);
        }
        else
        {
            readKeys = input.GetGetter<VBuffer<uint>>(textColumn);
        }

        if (columns.ExtraFeatures is not null)
        {
            readExtras = input.GetGetter<VBuffer<float>>(input.Schema[columns.ExtraFeatures]);
        }

        var outputs = new List<Delegate> { columns.IsBinary ? Getter<float>(ReadScore) : Getter<VBuffer<float>>(ReadProbabilities) };
        if (columns.IsBinary)
        {
            outputs.Add(Getter<float>(ReadProbability));
            outputs.Add(Getter<bool>(ReadBooleanLabel));
        }
        else
        {
            outputs.Add(Getter<uint>(ReadKeyLabel));
        }

        if (columns.AttentionWeights is not null)
        {
            outputs.Add(Getter<VBuffer<float>>(ReadAttention));
        }

        getters = outputs.ToArray();
    }

    public override Delegate CreateGetter(int outputIndex) => getters[outputIndex];

    protected override void Compute()
    {
        float[]? extraFeatures = null;
        if (readExtras is not null)
        {
            readExtras(ref extras);
            extraFeatures = extras.DenseValues().ToArray();
        }

        try
        {
            if (readText is not null)
            {
                readText(ref text);
                prediction = transformer.Model.Predict(text.ToString(), extraFeatures);
            }
            else
            {
                readKeys!(ref keys);
                prediction = transformer.Model.Predict(ToTokenIds(keys), extraFeatures);
            }
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(
                $"Row {Input.Position} cannot be classified: {ex.Message} (text column '{transformer.Columns.Text}'{(transformer.Columns.ExtraFeatures is null ? string.Empty : $", extra features column '{transformer.Columns.ExtraFeatures}'")}.)",
                ex);
        }
    }

    /// <summary>ML.NET keys are 1-based with 0 for a missing key; the model's ids are 0-based with -1 for unknown.</summary>
    private ReadOnlySpan<int> ToTokenIds(VBuffer<uint> buffer)
    {
        if (ids.Length < buffer.Length)
        {
            ids = new int[buffer.Length];
        }

        int i = 0;
        foreach (uint key in buffer.DenseValues())
        {
            ids[i++] = (int)key - 1;
        }

        return ids.AsSpan(0, buffer.Length);
    }

    private void ReadScore(ref float value)
    {
        var p = prediction!.Probabilities;
        value = MathF.Log(p[1]) - MathF.Log(p[0]);
    }

    private void ReadProbability(ref float value) => value = prediction!.Probabilities[1];

    private void ReadBooleanLabel(ref bool value) => value = prediction!.PredictedClass == 1;

    private void ReadKeyLabel(ref uint value) => value = (uint)prediction!.PredictedClass + 1;

    private void ReadProbabilities(ref VBuffer<float> value) => Fill(ref value, prediction!.Probabilities);

    private void ReadAttention(ref VBuffer<float> value) => Fill(ref value, prediction!.AttentionWeights ?? []);

    private static void Fill(ref VBuffer<float> value, IReadOnlyList<float> source)
    {
        var editor = VBufferEditor.Create(ref value, source.Count);
        for (int i = 0; i < source.Count; i++)
        {
            editor.Values[i] = source[i];
        }

        value = editor.Commit();
    }
}
