using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.PostgreSql.Tests.Server;
using ModelMonitoring.Testing;

namespace ModelMonitoring.PostgreSql.Tests;

/// <summary>Application alerts survive a restart because a new pipeline over the same PostgreSQL schema reads them back.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlAlertRestartTests(PostgreSqlServer server)
{
    [Fact]
    public async Task ApplicationAlert_SurvivesARestart_ActiveWithItsMetadataAndExpiry_AndCanBeResolved()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        var failure = new ApplicationAlert
        {
            Name = "model_failure",
            Severity = AlertSeverity.Critical,
            Message = "fraud model failed to load",
            Model = "fraud",
            Metadata = new Dictionary<string, string> { ["path"] = "/models/fraud.onnx", ["password"] = "hunter2" },
            TimeToLive = TimeSpan.FromHours(2),
        };
        string id;
        await using (var first = Create(schema, clock))
        {
            id = (await first.Pipeline.Alerts.RaiseAsync(failure)).Id;
            (await first.Pipeline.FlushAsync()).ShouldBeTrue();
            first.Channel.Alerts.ShouldHaveSingleItem().Id.ShouldBe(id);
        }

        (await server.ScalarAsync($"SELECT string_agg(key || '=' || value, ',' ORDER BY position) FROM \"{schema}\".alert_metadata;"))
            .ShouldBe("path=/models/fraud.onnx,password=***");
        clock.Advance(TimeSpan.FromMinutes(30));
        await using var second = Create(schema, clock);

        var active = (await second.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldHaveSingleItem();
        active.Id.ShouldBe(id);
        active.Metadata.ShouldBe(new Dictionary<string, string> { ["path"] = "/models/fraud.onnx", ["password"] = "***" });
        active.ExpiresAt.ShouldBe(clock.GetUtcNow().AddMinutes(90));
        var again = await second.Pipeline.Alerts.RaiseAsync(failure with { Message = "still failing" });
        again.Id.ShouldBe(id); // deduplicated into the restored alert
        again.Occurrences.ShouldBe(2);
        (await second.Pipeline.FlushAsync()).ShouldBeTrue();
        second.Channel.Alerts.ShouldBeEmpty();

        var resolved = (await second.Pipeline.Alerts.ResolveAsync(id, "ana")).ShouldNotBeNull();
        (await second.Pipeline.FlushAsync()).ShouldBeTrue();

        resolved.State.ShouldBe(AlertState.Resolved);
        second.Channel.Alerts.ShouldHaveSingleItem().State.ShouldBe(AlertState.Resolved);
        (await second.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldBeEmpty();
        var stored = (await second.Pipeline.Alerts.GetAlertHistoryAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).ShouldHaveSingleItem();
        stored.ResolvedBy.ShouldBe("ana");
        stored.Message.ShouldBe("still failing");
        stored.Occurrences.ShouldBe(2);
        (await server.ScalarAsync($"SELECT occurrences FROM \"{schema}\".alerts WHERE id = '{id}';")).ShouldBe(2);
    }

    [Fact]
    public async Task ApplicationAlert_ThatExpiredWhileTheProcessWasDown_ResolvesAsOfItsExpiryAfterTheRestart()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        await using (var first = Create(schema, clock))
        {
            await first.Pipeline.Alerts.RaiseAsync(new ApplicationAlert { Name = "dependency_down", Message = "feature store unreachable", TimeToLive = TimeSpan.FromMinutes(10) });
            (await first.Pipeline.FlushAsync()).ShouldBeTrue();
        }

        clock.Advance(TimeSpan.FromHours(1));
        await using var second = Create(schema, clock);
        (await second.Pipeline.FlushAsync()).ShouldBeTrue();

        (await second.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldBeEmpty();
        var stored = (await second.Pipeline.Alerts.GetAlertHistoryAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).ShouldHaveSingleItem();
        stored.ResolvedAt.ShouldBe(new DateTimeOffset(2026, 3, 1, 10, 10, 0, TimeSpan.Zero));
        stored.Model.ShouldBe(string.Empty);
        second.Channel.Alerts.ShouldHaveSingleItem().State.ShouldBe(AlertState.Resolved);
    }

    private TestPipeline Create(string schema, FakeTimeProvider clock) => TestPipeline.Create(
        o =>
        {
            o.AddModel("fraud", m => m.NumericFeatures("x").Threshold(WindowMetricNames.ErrorRate, t => t.Max = 0.1));
            o.Alerting.Routes[AlertSeverity.Warning] = ["recording"];
            o.Alerting.Escalation.Add(new EscalationLevel { After = TimeSpan.FromMinutes(5), Channels = { "slack" } });
            o.Alerting.Escalation.Add(new EscalationLevel { After = TimeSpan.FromMinutes(20), Channels = { "pagerduty" }, Severity = AlertSeverity.Critical });
        },
        b => b
            .UsePostgreSql(o =>
            {
                o.DataSource = server.DataSource;
                o.Schema = schema;
            })
            .AddAlertChannel(new RecordingAlertChannel("slack"))
            .AddAlertChannel(new RecordingAlertChannel("pagerduty")),
        clock);
}
