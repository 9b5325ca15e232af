using System.Reflection;
using Microsoft.ML.Data;

namespace Microsoft.ML.Recurrent.Tests.Conformance;

/// <summary>
/// The estimator "workout", modelled on ML.NET's TestEstimatorCore: schema propagation from estimator to transformer to
/// data, invalid input rejected with an error naming the column, a save/load round trip through ML.NET's own Model.Save
/// and Model.Load (and the atomic SaveRecurrent/LoadRecurrent) with the same schema and bit-identical outputs after
/// reload, prediction-engine output equal to Transform output, and a clear error from Model.Load in an MLContext that
/// has not registered the library's loader.
/// </summary>
internal static class EstimatorConformance
{
    /// <summary>Runs the workout; returns the fitted transformer.</summary>
    /// <param name="mlContext">The context.</param>
    /// <param name="estimator">The estimator under test (a pipeline is fine).</param>
    /// <param name="validInput">Data it can be fitted on and applied to.</param>
    /// <param name="invalidInput">Data missing a needed column or with a wrong type; null to skip.</param>
    /// <param name="invalidColumn">The column the error must name.</param>
    /// <param name="predict">Runs a prediction engine over <paramref name="validInput"/> and returns, per row, the output columns' values; null to skip.</param>
    public static ITransformer Check(
        MLContext mlContext, IEstimator<ITransformer> estimator, IDataView validInput, IDataView? invalidInput, string? invalidColumn,
        Func<ITransformer, IDataView, IReadOnlyList<object[]>>? predict = null)
    {
        // Schema propagation: estimator → transformer → transformed data.
        var shape = estimator.GetOutputSchema(ShapeOf(validInput.Schema));
        var transformer = estimator.Fit(validInput);
        var outputSchema = transformer.GetOutputSchema(validInput.Schema);
        Assert.True(transformer.IsRowToRowMapper);
        var mapper = transformer.GetRowToRowMapper(validInput.Schema);
        Assert.Same(validInput.Schema, mapper.InputSchema);
        AssertSameSchema(outputSchema, mapper.OutputSchema);
        var transformed = transformer.Transform(validInput);
        AssertSameSchema(outputSchema, transformed.Schema);
        var actualShape = ShapeOf(outputSchema);
        foreach (var column in shape)
        {
            var matches = actualShape.Where(c => c.Name == column.Name).ToList();
            Assert.True(matches.Count > 0, $"Column '{column.Name}' promised by GetOutputSchema is missing from the transformer's schema.");
            var actual = matches[^1];
            Assert.Equal(column.ItemType, actual.ItemType);
            Assert.Equal(column.IsKey, actual.IsKey);
            Assert.Equal(column.Kind == SchemaShape.Column.VectorKind.Scalar, actual.Kind == SchemaShape.Column.VectorKind.Scalar);
            foreach (var annotation in column.Annotations)
            {
                Assert.True(actual.Annotations.Any(a => a.Name == annotation.Name), $"Annotation '{annotation.Name}' of column '{column.Name}' promised by GetOutputSchema is missing.");
            }
        }

        // Invalid input is rejected, with a message naming the column, by the estimator and the transformer alike.
        if (invalidInput is not null)
        {
            AssertRejected(() => estimator.GetOutputSchema(ShapeOf(invalidInput.Schema)), invalidColumn);
            AssertRejected(() => estimator.Fit(invalidInput), invalidColumn);
            AssertRejected(() => transformer.GetOutputSchema(invalidInput.Schema), invalidColumn);
            AssertRejected(() => transformer.Transform(invalidInput), invalidColumn);
        }

        // ML.NET's own Model.Save and Model.Load: same schemas, bit-identical outputs and predictions after reload, in a
        // fresh MLContext once it has registered the library's loader, and clearly refused before.
        var saved = new MemoryStream();
        mlContext.Model.Save(transformer, validInput.Schema, saved);
        var expected = ReadAll(transformed);
        var fresh = new MLContext(seed: 7);
        var unregistered = Assert.ThrowsAny<Exception>(() => fresh.Model.Load(new MemoryStream(saved.ToArray()), out _));
        Assert.Contains("RegisterRecurrentTransformers()", Flatten(unregistered));
        fresh.ComponentCatalog.RegisterRecurrentTransformers();
        var loaded = fresh.Model.Load(new MemoryStream(saved.ToArray()), out var loadedSchema);
        AssertSameSchema(validInput.Schema, loadedSchema);
        AssertSameSchema(outputSchema, loaded.GetOutputSchema(validInput.Schema));
        Assert.Equal(expected, ReadAll(loaded.Transform(validInput)));
        Assert.Equal(expected, ReadAll(transformer.Transform(validInput)));
        if (predict is not null)
        {
            var visible = outputSchema.Where(c => !c.IsHidden).Select(c => c.Index).ToList();
            var outputs = shape.Where(c => validInput.Schema.GetColumnOrNull(c.Name) is null)
                .Select(c => visible.IndexOf(outputSchema[c.Name].Index)).ToList();
            var fromTransform = expected.Select(row => outputs.Select(i => row[i]).ToArray()).ToList();
            Assert.Equal(fromTransform, predict(transformer, validInput));
            Assert.Equal(fromTransform, predict(loaded, validInput));
        }

        // Saving registered the loader in the saving MLContext; the atomic file save and LoadRecurrent read the same model.
        AssertSameSchema(outputSchema, mlContext.Model.Load(new MemoryStream(saved.ToArray()), out _).GetOutputSchema(validInput.Schema));
        string path = Path.Combine(Path.GetTempPath(), $"conformance-{Guid.NewGuid():N}.zip");
        try
        {
            mlContext.Model.SaveRecurrent(transformer, validInput.Schema, path);
            var reloaded = new MLContext().Model.LoadRecurrent(path, out var reloadedSchema);
            AssertSameSchema(validInput.Schema, reloadedSchema);
            Assert.Equal(expected.Take(8), ReadAll(reloaded.Transform(mlContext.Data.TakeRows(validInput, 8))));
        }
        finally
        {
            File.Delete(path);
        }

        return transformer;
    }

    /// <summary>All values of all visible columns, row by row (vectors as arrays).</summary>
    public static List<object[]> ReadAll(IDataView data)
    {
        var columns = data.Schema.Where(c => !c.IsHidden).ToList();
        var rows = new List<object[]>();
        using var cursor = data.GetRowCursor(columns);
        var getters = columns.Select(c => MakeReader(cursor, c)).ToList();
        while (cursor.MoveNext())
        {
            rows.Add(getters.Select(read => read()).ToArray());
        }

        return rows;
    }

    /// <summary>The schema shape of a schema (ML.NET's SchemaShape.Create is internal; test-only reflection).</summary>
    public static SchemaShape ShapeOf(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, [schema])!;

    private static Func<object> MakeReader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var method = typeof(EstimatorConformance).GetMethod(nameof(Reader), BindingFlags.NonPublic | BindingFlags.Static)!;
        var type = column.Type is VectorDataViewType vector ? vector.ItemType.RawType : column.Type.RawType;
        return (Func<object>)method.MakeGenericMethod(type).Invoke(null, [cursor, column, column.Type is VectorDataViewType])!;
    }

    private static Func<object> Reader<T>(DataViewRowCursor cursor, DataViewSchema.Column column, bool vector)
    {
        if (vector)
        {
            var getter = cursor.GetGetter<VBuffer<T>>(column);
            VBuffer<T> value = default;
            return () =>
            {
                getter(ref value);
                var values = value.DenseValues().ToArray();
                return values is ReadOnlyMemory<char>[] texts ? texts.Select(t => t.ToString()).ToArray() : values;
            };
        }

        var scalar = cursor.GetGetter<T>(column);
        T item = default!;
        return () =>
        {
            scalar(ref item);
            return item is ReadOnlyMemory<char> text ? text.ToString() : item!;
        };
    }

    private static void AssertRejected(Action action, string? column)
    {
        var error = Record.Exception(action);
        Assert.NotNull(error);
        Assert.True(error is ArgumentOutOfRangeException or InvalidOperationException, $"Expected ArgumentOutOfRangeException or InvalidOperationException, got {error.GetType().Name}: {error.Message}");
        if (column is not null)
        {
            Assert.Contains($"'{column}'", error.Message);
        }
    }

    private static void AssertSameSchema(DataViewSchema expected, DataViewSchema actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Name, actual[i].Name);
            Assert.Equal(expected[i].Type, actual[i].Type);
            Assert.Equal(expected[i].IsHidden, actual[i].IsHidden);
        }
    }

    private static string Flatten(Exception error) => error.InnerException is null ? error.Message : error.Message + " " + Flatten(error.InnerException);
}
