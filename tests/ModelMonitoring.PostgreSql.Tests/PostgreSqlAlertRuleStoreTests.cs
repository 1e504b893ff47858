using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.PostgreSql.Tests.Server;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.PostgreSql.Tests;

/// <summary>Alert rules managed at run time are kept in the PostgreSQL schema: they survive a restart and read from plain SQL.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlAlertRuleStoreTests(PostgreSqlServer server)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunTimeRules_SurviveARestart_WithTheirStateAndAuthors_AndApplyFromTheFirstWindowEvaluated()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var clock = new FakeTimeProvider(Start);
        await using (var first = Create(schema, clock))
        {
            await first.Pipeline.Alerts.AddRuleAsync(
                new AlertRule { Name = "errors-high", Model = "fraud", Metric = WindowMetricNames.ErrorRate, Operator = ">", Value = 0.3, Severity = AlertSeverity.Critical },
                "ana");
            clock.Advance(TimeSpan.FromMinutes(1));
            await first.Pipeline.Alerts.AddRuleAsync(new AlertRule { Name = "errors-any", Metric = WindowMetricNames.ErrorRate, Value = 0, For = TimeSpan.FromSeconds(90) }, "bo");
            await first.Pipeline.Alerts.SetRuleEnabledAsync("errors-any", enabled: false, "cy");
        }

        (await server.ScalarAsync($"SELECT string_agg(name || ' ' || enabled || ' ' || for_duration || ' ' || coalesce(severity, '-'), ', ' ORDER BY name) FROM \"{schema}\".alert_rules;"))
            .ShouldBe("errors-any false 00:01:30 -, errors-high true 00:00:00 Critical");
        clock.Advance(TimeSpan.FromMinutes(30));
        await using var second = Create(schema, clock);

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
        rules[1].Rule.For.ShouldBe(TimeSpan.FromSeconds(90));
        second.Logs.Lines.ShouldContain(l => l.Contains("[165]", StringComparison.Ordinal) && l.Contains("Loaded 2 run-time alert rule(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RuleDeletedAtRunTime_IsGoneAfterARestart()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var clock = new FakeTimeProvider(Start);
        await using (var first = Create(schema, clock))
        {
            await first.Pipeline.Alerts.AddRuleAsync(new AlertRule { Name = "errors-any", Metric = WindowMetricNames.ErrorRate, Value = 0 }, "ana");
            (await first.Pipeline.Alerts.DeleteRuleAsync("errors-any", "bo")).ShouldBeTrue();
        }

        await using var second = Create(schema, clock);
        RecordWindow(second, errors: 5);
        await CloseWindowAsync(second);

        second.Channel.Alerts.ShouldBeEmpty();
        (await second.Pipeline.Alerts.GetRulesAsync()).ShouldBeEmpty();
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".alert_rules;")).ShouldBe(0L);
    }

    private TestPipeline Create(string schema, FakeTimeProvider clock) => TestPipeline.Create(
        o => o.AddModel("fraud", m => m.NumericFeatures("x")),
        b => b.UsePostgreSql(o =>
        {
            o.DataSource = server.DataSource;
            o.Schema = schema;
        }),
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
