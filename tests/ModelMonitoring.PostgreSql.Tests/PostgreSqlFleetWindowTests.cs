using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.PostgreSql.Tests.Server;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;
using ModelMonitoring.Testing;

namespace ModelMonitoring.PostgreSql.Tests;

/// <summary>
/// Fleet windows (<see cref="ModelMonitoringOptions.FleetWindows"/>): three pipelines sharing one schema give the window
/// metrics one process gives for the same records, each window is emitted once across a leader change, and a degradation
/// of the fleet window is one alert.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlFleetWindowTests(PostgreSqlServer server)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1); // the default flush interval
    private static readonly string[] Classes = ["cat", "dog", "eel"];

    [Fact]
    public async Task ThreeReplicasOnOneSchema_EmitTheWindowMetricsOfOneProcessOnAllTheRecords_Once()
    {
        var clock = new FakeTimeProvider(Start);
        var schema = PostgreSqlServer.NewSchemaName();
        await using var solo = Create(PostgreSqlServer.NewSchemaName(), "solo", clock, fleetWindows: false);
        await using var a = Create(schema, "replica-a", clock);
        await using var b = Create(schema, "replica-b", clock);
        await using var c = Create(schema, "replica-c", clock);
        TestPipeline[] fleet = [a, b, c];
        await FlushAsync(solo, a, b, c);
        a.Pipeline.GetStatistics().IsLeader.ShouldBeTrue();

        var latencies = new List<double>();
        for (var i = 0; i < 300; i++)
        {
            latencies.Add(Record(fleet[i % 3], i));
            Record(solo, i);
        }

        await CloseWindowAsync(clock, Start, solo, a, b, c);

        var expected = WindowMetrics(solo, Start);
        expected[WindowMetricNames.PredictionCount].ShouldBe(300);
        expected.Keys.ShouldContain(WindowMetricNames.Accuracy);
        expected.Keys.ShouldContain(WindowMetricNames.LabeledCount);
        expected.Keys.ShouldContain(WindowMetricNames.ConfidenceMean);
        expected.Keys.ShouldContain(WindowMetricNames.ClassSharePrefix + "eel");
        expected["quality.x.missing_share"].ShouldBe(43 / 300.0);
        expected["quality.country.missing_share"].ShouldBe(34 / 300.0);
        expected["quality.y.constant"].ShouldBe(1);
        expected["quality.x.constant"].ShouldBe(0);

        // Counts, rates and means are sums of exactly representable values here, so they match to the last bit; the
        // histograms merge bucket for bucket, so the percentiles match too, and are within 1 % of the exact ones.
        var merged = WindowMetrics(a, Start);
        merged.OrderBy(m => m.Key, StringComparer.Ordinal).ShouldBe(expected.OrderBy(m => m.Key, StringComparer.Ordinal));
        latencies.Sort();
        merged[WindowMetricNames.LatencyP95].ShouldBe(latencies[(int)Math.Ceiling(0.95 * latencies.Count) - 1], latencies[284] * 0.01);
        WindowMetrics(b, Start).ShouldBeEmpty();
        WindowMetrics(c, Start).ShouldBeEmpty();
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".window_partials;")).ShouldBe(3L);
        (await server.ScalarAsync($"SELECT sum(prediction_count) FROM \"{schema}\".window_partials;")).ShouldBe(300m);
        (await server.ScalarAsync($"SELECT merged_by FROM \"{schema}\".window_merges;")).ShouldBe("replica-a");
    }

    [Fact]
    public async Task LeaderStoppedBetweenWindows_ItsSuccessorMergesTheNextWindow_WithTheStoppedReplicasPartial_AndNoWindowTwice()
    {
        var clock = new FakeTimeProvider(Start);
        var schema = PostgreSqlServer.NewSchemaName();
        var a = Create(schema, "replica-a", clock);
        await using var b = Create(schema, "replica-b", clock);
        await using var c = Create(schema, "replica-c", clock);
        await FlushAsync(a, b, c);
        for (var i = 0; i < 30; i++)
        {
            Record(new[] { a, b, c }[i % 3], i);
        }

        await CloseWindowAsync(clock, Start, a, b, c);
        var second = Start + Window;
        for (var i = 0; i < 60; i++)
        {
            Record(new[] { a, b, c }[i % 3], i);
        }

        // Every replica closes the second window and saves its partial; before the fleet has closed it, the leader stops.
        AdvanceTo(clock, second + Window + Grace);
        await FlushAsync(a, b, c);
        await a.DisposeAsync();
        AdvanceTo(clock, second + Window + (3 * Grace));
        await FlushAsync(b, c);
        await FlushAsync(b, c);

        // Whichever of B and C took over (their timers race for the lease), it merged the window, once.
        var successor = new[] { b, c }.Single(r => r.Pipeline.GetStatistics().IsLeader);
        var other = successor == b ? c : b;
        WindowMetrics(a, Start)[WindowMetricNames.PredictionCount].ShouldBe(30);
        WindowMetrics(a, second).ShouldBeEmpty();
        WindowMetrics(successor, second)[WindowMetricNames.PredictionCount].ShouldBe(60);
        WindowMetrics(successor, Start).ShouldBeEmpty();
        WindowMetrics(other, Start).ShouldBeEmpty();
        WindowMetrics(other, second).ShouldBeEmpty();
        var stored = await b.Pipeline.Services.GetRequiredService<IMonitoringReader>().GetRecentMetricsAsync("fraud", WindowMetricNames.PredictionCount);
        stored.Select(m => (m.WindowStart, m.Value)).OrderBy(m => m.WindowStart).ShouldBe([(Start, 30d), (second, 60d)]);
        (await server.ScalarAsync($"SELECT string_agg(merged_by, ',' ORDER BY window_start) FROM \"{schema}\".window_merges;"))
            .ShouldBe("replica-a," + (successor == b ? "replica-b" : "replica-c"));
    }

    [Fact]
    public async Task DegradationOfTheFleetWindow_IsOneAlert_JudgedOnTheFleetsErrorRate_NotOnePerReplica()
    {
        var clock = new FakeTimeProvider(Start);
        var schema = PostgreSqlServer.NewSchemaName();
        await using var a = Create(schema, "replica-a", clock);
        await using var b = Create(schema, "replica-b", clock);
        await using var c = Create(schema, "replica-c", clock);
        await FlushAsync(a, b, c);

        // 6 errors in 30 predictions: the fleet's error rate is 0.2, above the 0.1 limit; the leader alone saw none.
        foreach (var (replica, errors) in new[] { (a, 0), (b, 3), (c, 3) })
        {
            for (var i = 0; i < 10; i++)
            {
                replica.Pipeline.GetMonitor("fraud").RecordPrediction(new Prediction { NumericFeatures = [i, 1], CategoricalFeatures = ["NL"], Status = i < errors ? PredictionStatus.Error : PredictionStatus.Success });
            }
        }

        await CloseWindowAsync(clock, Start, a, b, c);
        await FlushAsync(b, c, a);

        var alert = a.Channel.Alerts.ShouldHaveSingleItem();
        alert.Name.ShouldBe("threshold." + WindowMetricNames.ErrorRate);
        alert.Value.ShouldBe(0.2);
        b.Channel.Alerts.ShouldBeEmpty();
        c.Channel.Alerts.ShouldBeEmpty();
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".alerts;")).ShouldBe(1L);
    }

    [Fact]
    public async Task FleetWindowsOn_WithoutASharedStore_FailsAtStart_NamingTheSetting()
    {
        var error = Should.Throw<InvalidOperationException>(() => TestPipeline.Create(o =>
        {
            o.FleetWindows = true;
            o.AddModel("fraud", m => m.NumericFeatures("x"));
        }));

        error.Message.ShouldContain("ModelMonitoringOptions.FleetWindows");
        await Task.CompletedTask;
    }

    private TestPipeline Create(string schema, string replica, FakeTimeProvider clock, bool fleetWindows = true) => TestPipeline.Create(
        o =>
        {
            o.ReplicaName = replica;
            o.FleetWindows = fleetWindows;
            o.AddModel("fraud", m => m.NumericFeatures("x", "y").CategoricalFeatures("country").Threshold(WindowMetricNames.ErrorRate, t => t.Max = 0.1));
            o.Alerting.Routes[AlertSeverity.Warning] = ["recording"];
        },
        builder => builder.UsePostgreSql(o =>
        {
            o.DataSource = server.DataSource;
            o.Schema = schema;
        }),
        clock);

    /// <summary>Records prediction <paramref name="i"/> (and a label for every other one) and returns its latency in milliseconds.</summary>
    private static double Record(TestPipeline test, int i)
    {
        var monitor = test.Pipeline.GetMonitor("fraud");
        var latency = 1 + ((i * 37) % 250);
        var predicted = Classes[(i * 7) % 3];
        var id = monitor.RecordPrediction(new Prediction
        {
            // Missing values (a NaN, a null category) become the quality metrics, which merge like the others.
            NumericFeatures = [i % 7 == 0 ? double.NaN : i, 1],
            CategoricalFeatures = [i % 9 == 0 ? null : Classes[i % 2]],
            Latency = TimeSpan.FromMilliseconds(latency),
            Status = i % 11 == 0 ? PredictionStatus.Error : PredictionStatus.Success,
            PredictedClass = predicted,
            Confidence = (i % 8) / 8.0,
        });
        if (i % 2 == 0)
        {
            monitor.RecordGroundTruth(id, i % 5 == 0 ? "cat" : predicted).ShouldBeTrue();
        }

        return latency;
    }

    private static Dictionary<string, double> WindowMetrics(TestPipeline test, DateTimeOffset windowStart) =>
        test.Sink.Metrics.Where(m => m.WindowStart == windowStart).ToDictionary(m => m.Name, m => m.Value);

    /// <summary>Every replica closes the window at its end plus the grace period; the leader merges it two flush intervals later.</summary>
    private static async Task CloseWindowAsync(FakeTimeProvider clock, DateTimeOffset windowStart, params TestPipeline[] pipelines)
    {
        AdvanceTo(clock, windowStart + Window + Grace);
        await FlushAsync(pipelines);
        AdvanceTo(clock, windowStart + Window + (3 * Grace));
        await FlushAsync(pipelines);
    }

    private static void AdvanceTo(FakeTimeProvider clock, DateTimeOffset at) => clock.Advance(at - clock.GetUtcNow());

    private static async Task FlushAsync(params TestPipeline[] pipelines)
    {
        foreach (var pipeline in pipelines)
        {
            (await pipeline.Pipeline.FlushAsync()).ShouldBeTrue();
        }
    }
}
