using ModelMonitoring.Aggregation;
using ModelMonitoring.Aggregation.Quality;
using ModelMonitoring.Alerting;
using ModelMonitoring.Configuration;
using ModelMonitoring.Drift;
using ModelMonitoring.Internal;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Tests.Aggregation;

/// <summary>The quality.* window metrics on constructed windows, exactly, with and without a reference, and merged from replicas.</summary>
public class FeatureQualityTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly ModelSchema Schema = new("m", "1", "test", ["amount", "age"], ["country"]);

    // amount: 10 rows, 3 NaN, 7 values of which 2 lie outside the reference's [0, 100];
    // age: constant 30 with one NaN; country: 4 nulls, "NL" x4, "XX" x2 (never seen in the reference).
    private static readonly (double Amount, double Age, string? Country)[] Rows =
    [
        (5, 30, "NL"), (double.NaN, 30, null), (150, 30, "NL"), (50, double.NaN, "XX"), (-1, 30, null),
        (double.NaN, 30, "NL"), (0, 30, null), (100, 30, "XX"), (double.NaN, 30, "NL"), (99.5, 30, null),
    ];

    private static readonly ReferenceProfile Reference = ReferenceProfile.Create(
        new Dictionary<string, double[]> { ["amount"] = [0, 25, 50, 100], ["age"] = [20, 40, 60, 60] },
        new Dictionary<string, string[]> { ["country"] = ["NL", "BE", "DE", "NL"] });

    [Fact]
    public void ClosedWindow_WithAReference_EmitsEveryQualityMetricExactly()
    {
        var aggregator = Create(() => Reference);
        Feed(aggregator, Rows);

        var values = Close(aggregator).Metrics;

        values["quality.amount.missing_share"].ShouldBe(0.3);
        values["quality.amount.out_of_range_share"].ShouldBe(2.0 / 7);
        values["quality.amount.constant"].ShouldBe(0);
        values["quality.age.missing_share"].ShouldBe(0.1);
        values["quality.age.out_of_range_share"].ShouldBe(0);
        values["quality.age.constant"].ShouldBe(1);
        values["quality.country.missing_share"].ShouldBe(0.4);
        values["quality.country.new_category_share"].ShouldBe(2.0 / 6);
        values["quality.country.constant"].ShouldBe(0);
        values.Keys.Where(k => k.StartsWith(WindowMetricNames.QualityPrefix, StringComparison.Ordinal)).Count().ShouldBe(9);
    }

    [Fact]
    public void ClosedWindow_WithoutAReference_EmitsMissingSharesAndConstancyOnly()
    {
        var aggregator = Create(() => null);
        Feed(aggregator, Rows);

        var values = Close(aggregator).Metrics;

        values["quality.amount.missing_share"].ShouldBe(0.3);
        values["quality.country.missing_share"].ShouldBe(0.4);
        values["quality.age.constant"].ShouldBe(1);
        values.ShouldNotContainKey("quality.amount.out_of_range_share");
        values.ShouldNotContainKey("quality.country.new_category_share");
    }

    [Fact]
    public void ClosedWindow_WithFewerThanTwoValues_HasNoConstancy()
    {
        var aggregator = Create(() => Reference);
        Feed(aggregator, [(1, double.NaN, null)]);

        var values = Close(aggregator).Metrics;

        values["quality.amount.missing_share"].ShouldBe(0);
        values["quality.age.missing_share"].ShouldBe(1);
        values.ShouldNotContainKey("quality.amount.constant");
        values.ShouldNotContainKey("quality.age.constant");
        values.ShouldNotContainKey("quality.country.constant");
    }

    [Fact]
    public void ThresholdOnMissingShare_FiresWhenTheWindowCrossesIt()
    {
        var aggregator = Create(() => Reference, new MetricThreshold("quality.amount.missing_share") { Max = 0.25 });
        Feed(aggregator, Rows);

        var alert = Close(aggregator).Alerts.ShouldHaveSingleItem();

        alert.State.ShouldBe(AlertState.Firing);
        alert.Metric.ShouldBe("quality.amount.missing_share");
        alert.Value.ShouldBe(0.3);
        alert.Threshold.ShouldBe(0.25);
    }

    [Fact]
    public void WindowSplitAcrossReplicas_MergesIntoTheQualityMetricsOfOneAggregator()
    {
        var solo = Create(() => Reference);
        Feed(solo, Rows);
        var soloMetrics = Close(solo).Metrics;
        WindowAggregator[] replicas = [Create(() => Reference, fleet: "r0"), Create(() => Reference, fleet: "r1"), Create(() => Reference, fleet: "r2")];
        for (var i = 0; i < Rows.Length; i++)
        {
            Feed(replicas[i % 3], [Rows[i]], first: i);
        }

        var leader = Create(() => Reference, fleet: "leader");
        var merged = new WindowState();
        foreach (var replica in replicas)
        {
            Close(replica);
            var partial = replica.Partials.ShouldNotBeNull().ShouldHaveSingleItem();
            partial.Quality.Count.ShouldBe(3);
            WindowPartials.MergeInto(merged, partial, [], leader.MaxDistinctClassLabels, leader.QualityFeatures);
        }

        var metrics = new ArrayBuilder<MetricRecord>(64);
        leader.CloseMerged(merged, Start, Start.AddMinutes(1), metrics, []);

        metrics.Memory.ToArray().ToDictionary(m => m.Name, m => m.Value).OrderBy(m => m.Key, StringComparer.Ordinal)
            .ShouldBe(soloMetrics.OrderBy(m => m.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void FeatureQuality_MergedCategories_AreConstantOnlyWhenEveryReplicaSawTheSameOne()
    {
        var a = default(FeatureQuality);
        a.AddCategory("NL", outside: null);
        a.AddCategory("NL", outside: null);
        var b = default(FeatureQuality);
        b.AddCategory("NL", outside: false);
        var c = default(FeatureQuality);
        c.AddCategory("BE", outside: true);

        var same = a;
        same.Merge(b);
        var different = a;
        different.Merge(c);

        same.IsConstant(categorical: true).ShouldBeTrue();
        different.IsConstant(categorical: true).ShouldBeFalse();
        (different.Values, different.Checked, different.Outside).ShouldBe((3L, 1L, 1L));
    }

    private static WindowAggregator Create(Func<ReferenceProfile?> reference, MetricThreshold? threshold = null, string? fleet = null) => new(
        TimeSpan.FromMinutes(1),
        TimeSpan.FromSeconds(1),
        1000,
        new ThresholdEvaluator(Schema, threshold is null ? [] : [threshold]),
        "m")
    {
        Quality = new FeatureQualityTracker(Schema, reference),
        Partials = fleet is null ? null : [],
        Replica = fleet ?? string.Empty,
    };

    private static void Feed(WindowAggregator aggregator, (double Amount, double Age, string? Country)[] rows, int first = 0)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            aggregator.Observe(new PredictionRecord
            {
                Id = new PredictionId(1, (ulong)(first + i + 1)),
                Timestamp = Start.AddSeconds(first + i),
                NumericFeatures = new double[] { rows[i].Amount, rows[i].Age },
                CategoricalFeatures = new string?[] { rows[i].Country },
            });
        }
    }

    private static (Dictionary<string, double> Metrics, List<Alert> Alerts) Close(WindowAggregator aggregator)
    {
        var metrics = new ArrayBuilder<MetricRecord>(64);
        var alerts = new List<Alert>();
        aggregator.CloseWindows(Start.AddMinutes(2), all: false, metrics, alerts);
        return (metrics.Memory.ToArray().ToDictionary(m => m.Name, m => m.Value), alerts);
    }
}
