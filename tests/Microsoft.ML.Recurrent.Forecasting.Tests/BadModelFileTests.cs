using System.Text.Json.Nodes;
using Microsoft.ML.Recurrent.Engine.Persistence;
using Microsoft.ML.Recurrent.Forecasting;
using Microsoft.ML.Recurrent.Tests.Shared;
using static Microsoft.ML.Recurrent.Tests.Shared.ModelFileSurgery;

namespace Microsoft.ML.Recurrent.Forecasting.Tests;

/// <summary>Inconsistent, hand-edited and truncated forecaster files are refused at load with a message naming what is wrong.</summary>
public class BadModelFileTests
{
    private static readonly Lazy<Forecaster> Model = new(() =>
    {
        var options = TestSeries.Quick(3);
        options.HiddenSize = 4;
        options.Epochs = 1;
        options.EnsembleSize = 1;
        return Forecaster.Fit([TestSeries.Seasonal("a", 60, timestamps: true), TestSeries.Seasonal("b", 60, seed: 2, timestamps: true)], options);
    });

    public static TheoryData<Damage> Damages() =>
    [
        new("weights for another hidden size", (a, _) => Set(a, "options.hiddenSize", 5), "'member0.encoder.weight_ih_l0' has shape [16, 1] in the Forecaster model, but the module expects [20, 1]"),
        new("missing layout key", (a, _) => Remove(a, "layout.lookback"), "has no 'layout.lookback'"),
        new("string where the hidden size should be", (a, _) => Set(a, "options.hiddenSize", "eight"), "'options.hiddenSize' is the string \"eight\", but an integer was expected"),
        new("lookback disagreeing with the options", (a, _) => Set(a, "layout.lookback", 99), "'layout.lookback' is 99, but the options give a lookback window of 16"),
        new("horizon disagreeing with the options", (a, _) => Set(a, "layout.horizon", 4), "'layout.horizon' is 4, but options.horizon is 3"),
        new("negative hidden size", (a, _) => Set(a, "options.hiddenSize", -4), "'options.hiddenSize' is invalid: ForecasterOptions.HiddenSize must be at least 1"),
        new("undefined strategy", (a, _) => Set(a, "layout.strategy", "Sideways"), "'layout.strategy' is \"Sideways\", but one of Direct, Recursive was expected"),
        new("members disagreeing with the options", (a, _) => Set(a, "members", 2), "'members' is 2, but options.ensembleSize is 1"),
        new("more members than weights", (a, _) => { Set(a, "members", 2); Set(a, "options.ensembleSize", 2); }, "missing from the Forecaster model: member1."),
        new("a series without scaling", (a, _) => a["series"]!.AsArray().Add(Get(a, "series[0]").DeepClone()), "its tensor 'series.offsets' has shape [2], but its architecture needs [3]"),
        new("duplicate series id", (a, _) => Set(a, "series[1].id", "a"), "'series[1].id' is \"a\", the id of an earlier series too"),
        new("missing quantiles tensor", (_, t) => t.Remove("quantiles"), "has no tensor 'quantiles'"),
        new("quantiles disagreeing with the options", (_, t) => t["quantiles"] = Engine.Tensors.Tensor.FromArray([0.2f, 0.5f, 0.9f], 3), "'layout.quantiles' (the tensor) holds [0.2, 0.5, 0.9]"),
        new("malformed time step", (a, _) => Set(a, "layout.step", "fortnightly"), "'layout.step' is \"fortnightly\""),
        new("last timestamp off the grid", (a, _) => Set(a, "series[0].lastTicks", "0"), "'series[0].lastTicks' is not 59 steps of 1.00:00:00 after firstTicks"),
        new("number where the series id should be", (a, _) => Set(a, "series[0].id", 7), "'series[0].id' is the number 7, but a string was expected"),
    ];

    [Theory]
    [MemberData(nameof(Damages))]
    public void DamagedFileIsRefusedNamingWhatIsWrong(Damage damage)
    {
        using var file = Edit(Model.Value.Save, damage.Edit);
        var error = Assert.Throws<ModelFormatException>(() => Forecaster.Load(file));
        Assert.True(error.Message.Contains(damage.Expected), error.Message);
    }

    [Fact]
    public void TruncatedFileIsRefused()
    {
        using var file = Truncated(Model.Value.Save);
        Assert.Contains("truncated", Assert.Throws<ModelFormatException>(() => Forecaster.Load(file)).Message);
    }

    [Fact]
    public void UndamagedFileStillLoads()
    {
        using var file = Edit(Model.Value.Save, (_, _) => { });
        var series = TestSeries.Seasonal("a", 60, timestamps: true);
        Assert.Equal(Model.Value.Predict(series).Point, Forecaster.Load(file).Predict(series).Point);
    }

    [Fact]
    public void DamagedForecastStateIsRefusedNamingWhatIsWrong()
    {
        var state = Model.Value.CreateState(TestSeries.Seasonal("a", 60, timestamps: true));
        using var file = Edit(state.Save, (a, _) => Set(a, "step", "months:1"));
        var error = Assert.Throws<ModelFormatException>(() => ForecastState.Load(file, Model.Value));
        Assert.Contains("'step' is 1 month, but the forecaster's time step is 1.00:00:00", error.Message);

        using var mistyped = Edit(state.Save, (a, _) => Set(a, "pastCount", 3));
        Assert.Contains("'pastCount' is 3", Assert.Throws<ModelFormatException>(() => ForecastState.Load(mistyped, Model.Value)).Message);
    }

    [Fact]
    public void DirectoryAsTheModelPathIsSaidToBeADirectory()
    {
        var error = Assert.Throws<IOException>(() => Forecaster.Load(Path.GetTempPath()));
        Assert.Contains("is a directory", error.Message);
    }
}
