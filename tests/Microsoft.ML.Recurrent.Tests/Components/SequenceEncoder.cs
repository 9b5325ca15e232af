using Microsoft.ML.Data;
using Microsoft.ML.Recurrent.Data;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Engine.Recurrent;
using Microsoft.ML.Recurrent.Engine.Tensors;
using Microsoft.ML.Recurrent.Mapping;
using Microsoft.ML.Recurrent.Persistence;

namespace Microsoft.ML.Recurrent.Tests.Components;

/// <summary>
/// A test-only estimator exercising the shared plumbing with a real engine model: it reads a known-size vector column
/// as a sequence of scalars, runs a (randomly initialised, untrained) LSTM over it and appends the last hidden state.
/// </summary>
internal sealed class SequenceEncoderEstimator(string outputColumnName, string inputColumnName, int hiddenSize, int seed) : IEstimator<SequenceEncoderTransformer>
{
    public SequenceEncoderTransformer Fit(IDataView input)
    {
        var column = SchemaCheck.Require(input.Schema, inputColumnName, "sequence input", ColumnKind.SingleVector);
        if (column.Type is not VectorDataViewType { Size: > 0 } vector)
        {
            throw new ArgumentOutOfRangeException(nameof(input), $"Column '{inputColumnName}' must have a known size.");
        }

        return new SequenceEncoderTransformer(outputColumnName, inputColumnName, vector.Size, new Lstm(1, hiddenSize, random: new RandomSource(seed)));
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        SchemaCheck.Require(inputSchema, inputColumnName, "sequence input", ColumnKind.SingleVector);
        return SchemaShapes.Append(inputSchema, [OutputColumn.SingleVector(outputColumnName, hiddenSize)]);
    }
}

internal sealed class SequenceEncoderTransformer : RecurrentTransformerBase
{
    public const string Kind = "TestSequenceEncoder";
    private readonly string outputColumnName;
    private readonly string inputColumnName;
    private readonly int length;
    private readonly Lstm lstm;

    public SequenceEncoderTransformer(string outputColumnName, string inputColumnName, int length, Lstm lstm)
    {
        this.outputColumnName = outputColumnName;
        this.inputColumnName = inputColumnName;
        this.length = length;
        this.lstm = lstm;
        lstm.ReturnSequences = false;
        lstm.Eval();
        OutputColumns = [OutputColumn.SingleVector(outputColumnName, lstm.HiddenSize)];
    }

    static SequenceEncoderTransformer() => RecurrentModelRegistry.Register(Kind, Load);

    internal override IReadOnlyList<OutputColumn> OutputColumns { get; }

    internal override IReadOnlyList<string> InputColumnNames => [inputColumnName];

    internal override string ModelKind => Kind;

    internal override void CheckInputSchema(DataViewSchema inputSchema)
    {
        var column = SchemaCheck.Require(inputSchema, inputColumnName, "sequence input", ColumnKind.SingleVector);
        if (column.Type is not VectorDataViewType { Size: var size } || size != length)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Column '{inputColumnName}' has type {column.Type}, but a vector of {length} Single values was expected.");
        }
    }

    internal override RowComputation CreateComputation(DataViewRow input) => new Computation(this, input);

    internal override void SaveModel(Stream stream)
    {
        var architecture = new System.Text.Json.Nodes.JsonObject
        {
            ["output"] = outputColumnName, ["input"] = inputColumnName, ["length"] = length, ["hidden"] = lstm.HiddenSize,
        };
        ModelFile.Save(stream, ModelContents.FromModule(Kind, architecture, lstm));
    }

    private static SequenceEncoderTransformer Load(Stream stream)
    {
        var contents = ModelFile.Load(stream);
        var a = contents.GetArchitecture();
        var lstm = new Lstm(1, (int)a["hidden"]!);
        contents.LoadInto(lstm);
        return new SequenceEncoderTransformer((string)a["output"]!, (string)a["input"]!, (int)a["length"]!, lstm);
    }

    private sealed class Computation : RowComputation
    {
        private readonly SequenceEncoderTransformer owner;
        private readonly ValueGetter<VBuffer<float>> getInput;
        private readonly Tensor sequence;
        private VBuffer<float> inputValue;
        private float[] encoding = [];

        public Computation(SequenceEncoderTransformer owner, DataViewRow input)
            : base(input)
        {
            this.owner = owner;
            getInput = input.GetGetter<VBuffer<float>>(input.Schema[owner.inputColumnName]);
            sequence = new Tensor(owner.length, 1, 1);
        }

        public override Delegate CreateGetter(int outputIndex) => Getter((ref VBuffer<float> value) =>
        {
            var editor = VBufferEditor.Create(ref value, encoding.Length);
            encoding.CopyTo(editor.Values);
            value = editor.Commit();
        });

        protected override void Compute()
        {
            getInput(ref inputValue);
            inputValue.CopyTo(sequence.Span);
            encoding = owner.lstm.Forward(sequence).Output.Span.ToArray();
        }
    }
}
