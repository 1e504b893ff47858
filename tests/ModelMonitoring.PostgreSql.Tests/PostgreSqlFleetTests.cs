using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Fleet;
using ModelMonitoring.PostgreSql.Internal.Fleet;
using ModelMonitoring.PostgreSql.Tests.Server;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.PostgreSql.Tests;

/// <summary>Two pipelines (as two replicas would run) sharing one schema: one leader, one alert, and a take-over when the leader dies.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlFleetTests(PostgreSqlServer server)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TwoPipelinesOnOneSchema_ExactlyOneLeads_AndTheirDegradationIsOneAlertWithOneNotification()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var clock = new FakeTimeProvider(Start);
        await using var a = Create(schema, "replica-a", clock);
        await using var b = Create(schema, "replica-b", clock);
        (await a.Pipeline.FlushAsync()).ShouldBeTrue();
        (await b.Pipeline.FlushAsync()).ShouldBeTrue();

        a.Pipeline.GetStatistics().IsLeader.ShouldBeTrue();
        b.Pipeline.GetStatistics().IsLeader.ShouldBeFalse();

        RecordWindow(a, errors: 5);
        RecordWindow(b, errors: 5);
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await a.Pipeline.FlushAsync()).ShouldBeTrue();
        (await b.Pipeline.FlushAsync()).ShouldBeTrue();

        var alert = (await b.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldHaveSingleItem();
        alert.Name.ShouldBe("threshold." + WindowMetricNames.ErrorRate);
        a.Channel.Alerts.ShouldHaveSingleItem().Id.ShouldBe(alert.Id);
        b.Channel.Alerts.ShouldBeEmpty();
        b.Pipeline.GetStatistics().Stored.ShouldBe(10); // the follower still records and stores

        var replicas = await a.Pipeline.Services.GetRequiredService<IReplicaStore>().GetReplicasAsync();
        replicas.Select(r => (r.Name, r.IsLeader, r.Received, r.Stored)).ShouldBe([("replica-a", true, 10L, 10L), ("replica-b", false, 10L, 10L)]);
        replicas.ShouldAllBe(r => r.StartedAt == Start && r.LastSeen == clock.GetUtcNow() && r.Dropped == 0);
        (await server.ScalarAsync($"SELECT sum(stored) FROM \"{schema}\".replicas;")).ShouldBe(20m);
    }

    [Fact]
    public async Task LeaderWhoseSessionIsKilled_IsSucceededAtTheOthersNextCycle_AndTheAlertIsNeitherRaisedNorNotifiedTwice()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var clockA = new FakeTimeProvider(Start);
        var clockB = new FakeTimeProvider(Start);
        await using var a = Create(schema, "replica-a", clockA);
        await using var b = Create(schema, "replica-b", clockB);
        (await a.Pipeline.FlushAsync()).ShouldBeTrue();
        (await b.Pipeline.FlushAsync()).ShouldBeTrue();
        RecordWindow(a, errors: 5);
        RecordWindow(b, errors: 5);
        await CloseWindowAsync(a, clockA);
        await CloseWindowAsync(b, clockB);
        var raised = a.Channel.Alerts.ShouldHaveSingleItem();

        // What a SIGKILLed replica looks like to the server: its session ends; replica A is never run again.
        var pid = ((PostgreSqlLeaderLease)a.Pipeline.Services.GetRequiredService<IMonitoringLease>()).BackendProcessId.ShouldNotBeNull();
        (await server.ScalarAsync($"SELECT pg_terminate_backend({pid}, 60000);")).ShouldBe(true);
        RecordWindow(b, errors: 5);
        await CloseWindowAsync(b, clockB);

        b.Pipeline.GetStatistics().IsLeader.ShouldBeTrue();
        b.Channel.Alerts.ShouldBeEmpty(); // the condition still holds: it is A's alert, deduplicated
        (await b.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldHaveSingleItem().Id.ShouldBe(raised.Id);

        RecordWindow(b, errors: 0);
        await CloseWindowAsync(b, clockB);

        var resolved = b.Channel.Alerts.ShouldHaveSingleItem();
        resolved.Id.ShouldBe(raised.Id);
        resolved.State.ShouldBe(AlertState.Resolved);
        (await b.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldBeEmpty();
        (await server.ScalarAsync($"SELECT count(*) FROM \"{schema}\".alerts;")).ShouldBe(1L);
        a.Channel.Alerts.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task LeaderStoppedNormally_GivesTheLeaseUpAtOnce_AndItsLastRowSaysItNoLongerLeads()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var clock = new FakeTimeProvider(Start);
        var a = Create(schema, "replica-a", clock);
        await using var b = Create(schema, "replica-b", clock);
        (await a.Pipeline.FlushAsync()).ShouldBeTrue();
        (await b.Pipeline.FlushAsync()).ShouldBeTrue();
        b.Pipeline.GetStatistics().IsLeader.ShouldBeFalse();

        await a.DisposeAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        (await b.Pipeline.FlushAsync()).ShouldBeTrue();

        b.Pipeline.GetStatistics().IsLeader.ShouldBeTrue();
        var replicas = await b.Pipeline.Services.GetRequiredService<IReplicaStore>().GetReplicasAsync();
        replicas.Select(r => (r.Name, r.IsLeader)).ShouldBe([("replica-a", false), ("replica-b", true)]);
    }

    [Fact]
    public async Task RuleAddedThroughTheFollower_FiresOnTheLeaderAtItsNextEvaluation_AndDisabledThroughIt_StopsWithinOneEvaluation()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var clock = new FakeTimeProvider(Start);
        await using var a = Create(schema, "replica-a", clock);
        await using var b = Create(schema, "replica-b", clock);
        (await a.Pipeline.FlushAsync()).ShouldBeTrue(); // the leader has read the (empty) stored rules
        (await b.Pipeline.FlushAsync()).ShouldBeTrue();
        a.Pipeline.GetStatistics().IsLeader.ShouldBeTrue();

        var rule = new AlertRule { Name = "fraud-volume", Model = "fraud", Metric = WindowMetricNames.PredictionCount, Operator = ">=", Value = 1 };
        await b.Pipeline.Alerts.AddRuleAsync(rule, by: "ana");
        RecordWindow(a, errors: 0);
        await CloseWindowAsync(a, clock);

        var fired = a.Channel.Alerts.ShouldHaveSingleItem();
        fired.Name.ShouldBe("fraud-volume");
        fired.State.ShouldBe(AlertState.Firing);

        (await b.Pipeline.Alerts.SetRuleEnabledAsync("fraud-volume", enabled: false, by: "ana")).ShouldNotBeNull().Enabled.ShouldBeFalse();
        RecordWindow(a, errors: 0);
        await CloseWindowAsync(a, clock);
        RecordWindow(a, errors: 0);
        await CloseWindowAsync(a, clock);

        (await a.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldBeEmpty();
        a.Channel.Alerts.ShouldHaveSingleItem(); // neither raised again nor repeated by the leader
        var stored = await a.Pipeline.Alerts.GetAlertHistoryAsync(Start, clock.GetUtcNow());
        var only = stored.ShouldHaveSingleItem();
        only.Id.ShouldBe(fired.Id);
        only.State.ShouldBe(AlertState.Resolved);
        only.ResolvedBy.ShouldBe("ana");
    }

    [Fact]
    public async Task AlertAcknowledgedThroughTheFollower_IsNeitherEscalatedNorRepeatedByTheLeader_AndStaysAcknowledgedByTheFollowersUser()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var clock = new FakeTimeProvider(Start);
        void Alerting(AlertingOptions o)
        {
            o.RepeatInterval = TimeSpan.FromMinutes(5);
            o.Escalation.Add(new EscalationLevel { After = TimeSpan.FromMinutes(3), Channels = { "recording" }, Severity = AlertSeverity.Critical });
        }

        await using var a = Create(schema, "replica-a", clock, Alerting);
        await using var b = Create(schema, "replica-b", clock, Alerting);
        (await a.Pipeline.FlushAsync()).ShouldBeTrue();
        (await b.Pipeline.FlushAsync()).ShouldBeTrue();
        RecordWindow(a, errors: 5);
        await CloseWindowAsync(a, clock);
        var fired = a.Channel.Alerts.ShouldHaveSingleItem();

        (await b.Pipeline.Alerts.AcknowledgeAsync(fired.Id, by: "bob")).ShouldNotBeNull().State.ShouldBe(AlertState.Acknowledged);
        for (var i = 0; i < 12; i++)
        {
            await CloseWindowAsync(a, clock); // 12 minutes: past the escalation (3) and two repeat intervals (5)
        }

        a.Channel.Alerts.ShouldHaveSingleItem();
        var stored = (await a.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldHaveSingleItem();
        stored.Id.ShouldBe(fired.Id);
        stored.State.ShouldBe(AlertState.Acknowledged);
        stored.AcknowledgedBy.ShouldBe("bob");
        stored.EscalationLevel.ShouldBe(0);
    }

    [Fact]
    public async Task AlertResolvedThroughTheFollower_IsNotSavedAsFiringAgainByTheLeader()
    {
        var schema = PostgreSqlServer.NewSchemaName();
        var clock = new FakeTimeProvider(Start);
        await using var a = Create(schema, "replica-a", clock, o => o.RepeatInterval = TimeSpan.FromMinutes(5));
        await using var b = Create(schema, "replica-b", clock);
        (await a.Pipeline.FlushAsync()).ShouldBeTrue();
        (await b.Pipeline.FlushAsync()).ShouldBeTrue();
        RecordWindow(a, errors: 5);
        await CloseWindowAsync(a, clock);
        var fired = a.Channel.Alerts.ShouldHaveSingleItem();

        (await b.Pipeline.Alerts.ResolveAsync(fired.Id, by: "bob")).ShouldNotBeNull().State.ShouldBe(AlertState.Resolved);
        for (var i = 0; i < 6; i++)
        {
            RecordWindow(a, errors: 5); // the condition still holds: resolved by hand, it is not raised again
            await CloseWindowAsync(a, clock);
        }

        a.Channel.Alerts.ShouldHaveSingleItem();
        (await a.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldBeEmpty();
        var stored = (await a.Pipeline.Alerts.GetAlertHistoryAsync(Start, clock.GetUtcNow())).ShouldHaveSingleItem();
        stored.State.ShouldBe(AlertState.Resolved);
        stored.ResolvedBy.ShouldBe("bob");
    }

    private TestPipeline Create(string schema, string replica, FakeTimeProvider clock, Action<AlertingOptions>? alerting = null) => TestPipeline.Create(
        o =>
        {
            o.ReplicaName = replica;
            o.AddModel("fraud", m => m.NumericFeatures("x").Threshold(WindowMetricNames.ErrorRate, t => t.Max = 0.1));
            o.Alerting.Routes[AlertSeverity.Warning] = ["recording"];
            alerting?.Invoke(o.Alerting);
        },
        builder => builder.UsePostgreSql(o =>
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

    private static async Task CloseWindowAsync(TestPipeline test, FakeTimeProvider clock)
    {
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
    }
}
