using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Configuration;
using ModelMonitoring.Fleet;
using ModelMonitoring.Internal;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Tests.Aggregation;

/// <summary>Fleet windows on the aggregator alone: a window split across replicas and merged from their partials is the window of one aggregator.</summary>
public class WindowPartialMergeTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly ModelSchema Schema = new("m", "1", "test", ["x"], []);
    private static readonly MetricAggregation[] Aggregations = Enum.GetValues<MetricAggregation>();

    [Fact]
    public void WindowSplitAcrossThreeReplicas_MergesIntoTheMetricsAndCustomMetricValuesOfOneAggregator()
    {
        var solo = Create(fleet: false);
        WindowAggregator[] replicas = [Create(fleet: true, "r0"), Create(fleet: true, "r1"), Create(fleet: true, "r2")];
        for (var i = 0; i < 300; i++)
        {
            Feed(solo, i);
            Feed(replicas[(i * 5) % 3], i);
        }

        var (soloMetrics, soloAlerts) = Close(solo);
        foreach (var replica in replicas)
        {
            Close(replica).Metrics.ShouldBeEmpty(); // a replica's window is its partial, not metrics
        }

        var partials = replicas.Select(r => r.Partials.ShouldNotBeNull().ShouldHaveSingleItem()).ToList();
        partials.Sum(p => p.Count).ShouldBe(300);
        var leader = Create(fleet: true, "leader");
        var merged = new WindowState();
        foreach (var partial in partials)
        {
            WindowPartials.MergeInto(merged, partial, leader.CustomMetricNames, leader.MaxDistinctClassLabels).ShouldBeTrue();
        }

        var metrics = new ArrayBuilder<MetricRecord>(64);
        var alerts = new List<Alert>();
        leader.CloseMerged(merged, Start, Start.AddMinutes(1), metrics, alerts);

        var mergedMetrics = metrics.Memory.ToArray().ToDictionary(m => m.Name, m => m.Value);
        mergedMetrics.OrderBy(m => m.Key, StringComparer.Ordinal).ShouldBe(soloMetrics.OrderBy(m => m.Key, StringComparer.Ordinal));
        alerts.Count.ShouldBe(Aggregations.Length);
        for (var i = 0; i < alerts.Count; i++)
        {
            var expected = soloAlerts[i].Value.ShouldNotBeNull();
            alerts[i].Value.ShouldNotBeNull().ShouldBe(expected, Math.Abs(expected) * 1e-12, alerts[i].Message);
        }
    }

    [Fact]
    public void MergedClasses_BeyondTheCap_AreCountedAsOther()
    {
        var window = new WindowState();
        string[] names = [];
        WindowPartials.MergeInto(window, Partial(new() { ["a"] = 1, ["b"] = 2 }), names, maxClasses: 2).ShouldBeTrue();
        WindowPartials.MergeInto(window, Partial(new() { ["b"] = 1, ["c"] = 4, [RecordingLimits.OtherValue] = 3 }), names, maxClasses: 2).ShouldBeTrue();

        window.ClassCounts.OrderBy(c => c.Key, StringComparer.Ordinal).ShouldBe(
            [new(RecordingLimits.OtherValue, 7), new("a", 1), new("b", 3)]);
    }

    private static WindowPartial Partial(Dictionary<string, long> classes) => new() { Model = "m", Replica = "r", ClassCounts = classes };

    private static WindowAggregator Create(bool fleet, string replica = "") => new(
        TimeSpan.FromMinutes(1),
        TimeSpan.FromSeconds(1),
        1000,
        new ThresholdEvaluator(Schema, [.. Aggregations.Select(a => new MetricThreshold("revenue") { Aggregation = a, Max = 0 })], customMetrics: ["revenue"]),
        "m")
    {
        Partials = fleet ? [] : null,
        Replica = replica,
    };

    private static void Feed(WindowAggregator aggregator, int i)
    {
        var at = Start.AddMilliseconds(i * 100);
        var id = new PredictionId(3, (ulong)i + 1);
        var predicted = (i % 3) switch { 0 => "cat", 1 => "dog", _ => "eel" };
        aggregator.Observe(new PredictionRecord
        {
            Id = id,
            Timestamp = at,
            Latency = TimeSpan.FromMilliseconds(1 + ((i * 37) % 250)),
            Status = i % 11 == 0 ? PredictionStatus.Error : PredictionStatus.Success,
            PredictedClass = predicted,
            Confidence = (i % 8) / 8.0,
            NumericFeatures = new double[] { i },
        });
        if (i % 2 == 0)
        {
            aggregator.Observe(new GroundTruthRecord { PredictionId = id, Timestamp = at, ActualClass = i % 5 == 0 ? "cat" : predicted });
        }

        aggregator.Observe(new MetricRecord { Name = "revenue", Value = (i * 7 % 13) - 3.5, Timestamp = at });
    }

    private static (Dictionary<string, double> Metrics, List<Alert> Alerts) Close(WindowAggregator aggregator)
    {
        var metrics = new ArrayBuilder<MetricRecord>(64);
        var alerts = new List<Alert>();
        aggregator.CloseWindows(Start.AddMinutes(2), all: false, metrics, alerts);
        return (metrics.Memory.ToArray().ToDictionary(m => m.Name, m => m.Value), alerts);
    }
}
