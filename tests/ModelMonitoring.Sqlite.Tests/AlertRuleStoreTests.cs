using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Recording;
using ModelMonitoring.Sqlite.Internal;
using ModelMonitoring.Testing;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Sqlite.Tests;

/// <summary>Alert rules managed at run time are kept in the SQLite file: they survive a restart and read from plain SQL.</summary>
public sealed class AlertRuleStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task RunTimeRules_SurviveARestart_WithTheirStateAndAuthors_AndApplyFromTheFirstWindowEvaluated()
    {
        var path = _directory.File("rules.db");
        var clock = new FakeTimeProvider(Start);
        await using (var first = Create(path, clock))
        {
            await first.Pipeline.Alerts.AddRuleAsync(
                new AlertRule { Name = "errors-high", Model = "fraud", Metric = WindowMetricNames.ErrorRate, Operator = ">", Value = 0.3, Severity = AlertSeverity.Critical },
                "ana");
            clock.Advance(TimeSpan.FromMinutes(1));
            await first.Pipeline.Alerts.AddRuleAsync(new AlertRule { Name = "errors-any", Metric = WindowMetricNames.ErrorRate, Value = 0 }, "bo");
            await first.Pipeline.Alerts.SetRuleEnabledAsync("errors-any", enabled: false, "cy");
        }

        clock.Advance(TimeSpan.FromMinutes(30));
        await using var second = Create(path, clock);

        // No API call before the window: the worker loads the stored rules itself at its first cycle.
        RecordWindow(second, errors: 5);
        await CloseWindowAsync(second);

        var alert = second.Channel.Alerts.ShouldHaveSingleItem();
        alert.Name.ShouldBe("errors-high");
        alert.Severity.ShouldBe(AlertSeverity.Critical);
        alert.Threshold.ShouldBe(0.3);
        var rules = await second.Pipeline.Alerts.GetRulesAsync();
        rules.Select(r => (r.Rule.Name, r.Source, r.Enabled, r.CreatedBy, r.UpdatedBy)).ShouldBe([
            ("errors-high", AlertRuleSource.Runtime, true, "ana", "ana"),
            ("errors-any", AlertRuleSource.Runtime, false, "bo", "cy"),
        ]);
        rules[0].CreatedAt.ShouldBe(Start);
        rules[1].CreatedAt.ShouldBe(Start.AddMinutes(1));
        rules[1].UpdatedAt.ShouldBe(Start.AddMinutes(1));
        second.Logs.Lines.ShouldContain(l => l.Contains("[165]", StringComparison.Ordinal) && l.Contains("Loaded 2 run-time alert rule(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RuleDeletedAtRunTime_IsGoneAfterARestart()
    {
        var path = _directory.File("deleted.db");
        var clock = new FakeTimeProvider(Start);
        await using (var first = Create(path, clock))
        {
            await first.Pipeline.Alerts.AddRuleAsync(new AlertRule { Name = "errors-any", Metric = WindowMetricNames.ErrorRate, Value = 0 }, "ana");
            (await first.Pipeline.Alerts.DeleteRuleAsync("errors-any", "bo")).ShouldBeTrue();
        }

        await using var second = Create(path, clock);
        RecordWindow(second, errors: 5);
        await CloseWindowAsync(second);

        second.Channel.Alerts.ShouldBeEmpty();
        (await second.Pipeline.Alerts.GetRulesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task StoredRuleThatNoLongerFitsTheDeclaredModels_IsListedButNotApplied_AndLogged()
    {
        var path = _directory.File("stale.db");
        var clock = new FakeTimeProvider(Start);
        await using (var first = TestPipeline.Create(o => o.AddModel("fraud", m => m.NumericFeatures("x").CustomMetrics("queue_depth")), b => b.UseSqlite(path), clock))
        {
            await first.Pipeline.Alerts.AddRuleAsync(new AlertRule { Name = "queue-deep", Metric = "queue_depth", Value = 10 }, "ana");
        }

        // Restarted without the custom metric: the rule could never fire.
        await using var second = Create(path, clock);
        RecordWindow(second, errors: 0);
        await CloseWindowAsync(second);

        (await second.Pipeline.Alerts.GetRulesAsync()).ShouldHaveSingleItem().Rule.Name.ShouldBe("queue-deep");
        second.Logs.Lines.ShouldContain(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("[164]", StringComparison.Ordinal)
            && l.Contains("queue-deep", StringComparison.Ordinal) && l.Contains("rule.Metric:", StringComparison.Ordinal));
        var enable = await Should.ThrowAsync<ArgumentException>(() => second.Pipeline.Alerts.SetRuleEnabledAsync("queue-deep", enabled: true, "bo"));
        enable.Message.ShouldContain("rule.Metric:");
    }

    [Fact]
    public async Task AlertRuleView_ShowsEnumsByName_TimesAsIso_AndForInSeconds()
    {
        var path = _directory.File("view.db");
        await using (var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null))
        {
            var aggregations = Enum.GetValues<MetricAggregation>();
            for (var i = 0; i < aggregations.Length; i++)
            {
                await store.SaveAlertRuleAsync(
                    new ManagedAlertRule
                    {
                        Rule = new AlertRule
                        {
                            Name = $"r{i}",
                            Metric = "m",
                            Aggregation = aggregations[i],
                            Subject = (RuleSubject)(i % 3),
                            Severity = i < 3 ? (AlertSeverity)i : null,
                            For = TimeSpan.FromSeconds(90),
                            Value = i,
                        },
                        Enabled = i % 2 == 0,
                        CreatedAt = At(i),
                        CreatedBy = "ana",
                        UpdatedAt = At(i + 0.5),
                        UpdatedBy = "bo",
                    },
                    CancellationToken.None);
            }
        }

        SqlViewTests.Query(path, "SELECT DISTINCT aggregation FROM v_alert_rules").Select(r => (string)r[0]!).ShouldBe(Enum.GetNames<MetricAggregation>(), ignoreOrder: true);
        SqlViewTests.Query(path, "SELECT DISTINCT subject FROM v_alert_rules").Select(r => (string)r[0]!).ShouldBe(Enum.GetNames<RuleSubject>(), ignoreOrder: true);
        SqlViewTests.Query(path, "SELECT DISTINCT severity FROM v_alert_rules WHERE severity IS NOT NULL").Select(r => (string)r[0]!).ShouldBe(Enum.GetNames<AlertSeverity>(), ignoreOrder: true);
        SqlViewTests.Query(path, "SELECT name, for_seconds, enabled, created_time, created_by, updated_time, updated_by FROM v_alert_rules WHERE name = 'r1'")
            .ShouldBe([["r1", 90.0, 0L, "2025-03-01T12:00:01.000Z", "ana", "2025-03-01T12:00:01.500Z", "bo"]]);
    }

    private static TestPipeline Create(string path, FakeTimeProvider clock) => TestPipeline.Create(
        o => o.AddModel("fraud", m => m.NumericFeatures("x")),
        b => b.UseSqlite(path),
        clock);

    private static void RecordWindow(TestPipeline test, int errors)
    {
        var monitor = test.Pipeline.GetMonitor("fraud");
        for (var i = 0; i < 10; i++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [i], Status = i < errors ? PredictionStatus.Error : PredictionStatus.Success });
        }
    }

    private static async Task CloseWindowAsync(TestPipeline test)
    {
        test.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
    }
}
