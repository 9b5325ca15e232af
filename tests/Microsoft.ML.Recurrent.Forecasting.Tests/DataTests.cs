using Microsoft.ML.Recurrent.Forecasting;

namespace Microsoft.ML.Recurrent.Forecasting.Tests;

public class DataTests
{
    [Fact]
    public void DuplicateTimestampNamesTheSeriesAndRows()
    {
        var times = TestSeries.Daily(10);
        times[6] = times[5];
        var series = new TimeSeriesData("shop-7", new float[10], times);
        var e = Assert.Throws<ArgumentException>(() => Forecaster.Fit([series], TestSeries.Quick(2)));
        Assert.Contains("'shop-7'", e.Message);
        Assert.Contains("duplicate timestamp", e.Message);
        Assert.Contains("rows 5 and 6", e.Message);
    }

    [Fact]
    public void IrregularTimestampNamesTheRow()
    {
        var times = TestSeries.Daily(40);
        times[17] = times[17].AddHours(12);
        var series = new TimeSeriesData("s", new float[40], times);
        var e = Assert.Throws<ArgumentException>(() => Forecaster.Fit([series], TestSeries.Quick(2)));
        Assert.Contains("row 17", e.Message);
        Assert.Contains("regular", e.Message);
        Assert.Contains("'s'", e.Message);
    }

    [Fact]
    public void TimestampGoingBackNamesTheRow()
    {
        var times = TestSeries.Daily(20);
        (times[8], times[9]) = (times[9], times[8]);
        var e = Assert.Throws<ArgumentException>(() => Forecaster.Fit([new TimeSeriesData("s", new float[20], times)], TestSeries.Quick(2)));
        Assert.Contains("row 9", e.Message);
        Assert.Contains("must increase", e.Message);
    }

    [Fact]
    public void GapOfWholeStepsBecomesMissingRows()
    {
        var times = TestSeries.Daily(10).Where((_, i) => i != 4 && i != 5).ToArray();
        var series = RegularSeries.From(new TimeSeriesData("s", Enumerable.Range(0, 8).Select(i => (float)i).ToArray(), times, pastCovariates: Column(8, i => i)), null);
        Assert.Equal(10, series.Length);
        Assert.True(float.IsNaN(series.Values[4]) && float.IsNaN(series.Values[5]));
        Assert.Equal(4f, series.Values[6]);
        Assert.Equal(TimeSpan.FromDays(1).Ticks, series.Step!.Value.Ticks);
        Assert.Equal([3f, 3f + 1f / 3, 3f + 2f / 3, 4f], series.Past[3..7]);
        Assert.Equal(3, series.SourceRow(5));
    }

    [Fact]
    public void MonthlyTimestampsStepInCalendarMonths()
    {
        var times = Enumerable.Range(0, 30).Select(i => new DateTime(2000, 1, 31).AddMonths(i)).Select(t => new DateTime(t.Year, t.Month, DateTime.DaysInMonth(t.Year, t.Month))).ToArray();
        var step = TimeStep.Infer(times, "s")!.Value;
        Assert.True(step.IsMonthly && step.MonthEnd);
        Assert.Equal(new DateTime(2002, 7, 31), step.Advance(times[^1], 1));
        Assert.Equal(new DateTime(2002, 2, 28), step.Advance(times[0], 25));
    }

    [Fact]
    public void InfiniteValueAndNonFiniteCovariateAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new TimeSeriesData("a", [1f, float.PositiveInfinity]));
        Assert.Contains("row 1", e.Message);
        var covariates = new float[3, 2];
        covariates[2, 1] = float.NaN;
        e = Assert.Throws<ArgumentException>(() => new TimeSeriesData("b", [1f, 2f, 3f], pastCovariates: covariates));
        Assert.Contains("row 2, column 1", e.Message);
        Assert.Contains("'b'", e.Message);
        e = Assert.Throws<ArgumentException>(() => new TimeSeriesData("c", [1f, 2f], futureCovariates: new float[3, 1]));
        Assert.Contains("3 rows, but 2 were expected", e.Message);
    }

    [Fact]
    public void SeriesWithoutObservedValuesIsNamed()
    {
        var empty = new TimeSeriesData("blank", Enumerable.Repeat(float.NaN, 50).ToArray());
        var e = Assert.Throws<ArgumentException>(() => Forecaster.Fit([TestSeries.Seasonal("s", 80), empty], TestSeries.Quick(2)));
        Assert.Contains("'blank' has no observed values", e.Message);
        var model = Forecaster.Fit([TestSeries.Seasonal("s", 80)], TestSeries.Quick(2));
        Assert.Contains("'blank' has no observed values", Assert.Throws<ArgumentException>(() => model.Predict(empty)).Message);
    }

    internal static float[,] Column(int rows, Func<int, float> value)
    {
        var m = new float[rows, 1];
        for (int i = 0; i < rows; i++)
        {
            m[i, 0] = value(i);
        }

        return m;
    }
}
