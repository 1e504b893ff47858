using ModelMonitoring.DriftMonitoring;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Tests.DriftMonitoring;

public sealed class DriftWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static PredictionRecord Row(int i, string? label) => new()
    {
        Timestamp = T0.AddSeconds(i),
        NumericFeatures = new double[] { i, -i },
        CategoricalFeatures = new string?[] { label },
    };

    [Fact]
    public void PartlyFilledWindow_HandsOutOnlyItsRows()
    {
        var window = new DriftWindow(5, numericWidth: 2, categoricalWidth: 1);
        window.Add(Row(1, "a"));
        window.Add(Row(2, null));
        window.Add(Row(3, "b"));

        window.Count.ShouldBe(3);
        window.IsFull.ShouldBeFalse();
        window.Numeric(0).ShouldBe([1, 2, 3]);
        window.Numeric(1).ShouldBe([-1, -2, -3]);
        window.Categorical(0).ShouldBe(["a", "b"]);
        window.TimeRange().ShouldBe((T0.AddSeconds(1), T0.AddSeconds(3)));
    }

    [Fact]
    public void FullWindow_OverwritesTheOldestRows_AndKeepsItsMemory()
    {
        var window = new DriftWindow(3, numericWidth: 2, categoricalWidth: 1);
        for (var i = 1; i <= 3; i++)
        {
            window.Add(Row(i, "old"));
        }

        var column = window.Numeric(0);
        for (var i = 4; i <= 7; i++)
        {
            window.Add(Row(i, i % 2 == 0 ? "even" : "odd"));
        }

        window.Count.ShouldBe(3);
        window.Numeric(0).ShouldBeSameAs(column);
        window.Numeric(0).Order().ShouldBe([5, 6, 7]);
        window.Numeric(1).Order().ShouldBe([-7, -6, -5]);
        window.Categorical(0).Order().ShouldBe(["even", "odd", "odd"]);
        window.TimeRange().ShouldBe((T0.AddSeconds(5), T0.AddSeconds(7)));
    }

    [Fact]
    public void TimeRange_TakesTheEarliestAndLatest_WhenRowsArriveOutOfOrder()
    {
        var window = new DriftWindow(4, numericWidth: 1, categoricalWidth: 0);
        foreach (var second in new[] { 10, 3, 12, 7 })
        {
            window.Add(new PredictionRecord { Timestamp = T0.AddSeconds(second), NumericFeatures = new double[] { second } });
        }

        window.TimeRange().ShouldBe((T0.AddSeconds(3), T0.AddSeconds(12)));
    }

    [Fact]
    public void AddingRows_AllocatesNothing()
    {
        var window = new DriftWindow(1_000, numericWidth: 10, categoricalWidth: 2);
        var row = new PredictionRecord { Timestamp = T0, NumericFeatures = new double[10], CategoricalFeatures = new string?[] { "a", "b" } };
        window.Add(row);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 5_000; i++)
        {
            window.Add(row);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }
}
