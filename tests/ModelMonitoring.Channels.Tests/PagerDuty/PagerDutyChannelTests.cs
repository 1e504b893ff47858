using ModelMonitoring.Alerting;
using ModelMonitoring.Channels.Tests.Infrastructure;

namespace ModelMonitoring.Channels.Tests.PagerDuty;

public sealed class PagerDutyChannelTests : IAsyncLifetime
{
    private const string RoutingKey = "R0123456789abcdefghijklmnopqrstu";
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly ObservedClock _clock = new();
    private FakeHttpServer _server = null!;
    private ChannelHost _host = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeHttpServer.StartAsync(_clock);
        _server.DefaultReply = Reply.Status(202, """{"status":"success","message":"Event processed","dedup_key":"alrt-0001"}""");
        _host = CreateHost(_ => { });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Trigger_CarriesTheEventsApiV2Fields()
    {
        await Channel().SendAsync(TestAlerts.Firing(), CancellationToken.None);

        var request = _server.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/v2/enqueue");
        request.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        var json = request.Json();
        json.GetProperty("routing_key").GetString().ShouldBe(RoutingKey);
        json.GetProperty("event_action").GetString().ShouldBe("trigger");
        json.GetProperty("dedup_key").GetString().ShouldBe("alrt-0001");
        json.GetProperty("client").GetString().ShouldBe("ModelMonitoring");
        var payload = json.GetProperty("payload");
        payload.GetProperty("summary").GetString().ShouldBe("fraud error_rate.max: Error rate 0.12 is above 0.05");
        payload.GetProperty("source").GetString().ShouldBe("scoring-host-1");
        payload.GetProperty("severity").GetString().ShouldBe("critical");
        payload.GetProperty("timestamp").GetString().ShouldBe("2026-01-01T11:59:00Z");
        payload.GetProperty("component").GetString().ShouldBe("fraud");
        payload.GetProperty("group").GetString().ShouldBe("production");
        payload.GetProperty("class").GetString().ShouldBe("error_rate");
        var details = payload.GetProperty("custom_details");
        details.GetProperty("alert_id").GetString().ShouldBe("alrt-0001");
        details.GetProperty("name").GetString().ShouldBe("error_rate.max");
        details.GetProperty("model").GetString().ShouldBe("fraud");
        details.GetProperty("version").GetString().ShouldBe("1.4.0");
        details.GetProperty("environment").GetString().ShouldBe("production");
        details.GetProperty("state").GetString().ShouldBe("firing");
        details.GetProperty("message").GetString().ShouldBe("Error rate 0.12 is above 0.05");
        details.GetProperty("metric").GetString().ShouldBe("error_rate");
        details.GetProperty("value").GetDouble().ShouldBe(0.12);
        details.GetProperty("threshold").GetDouble().ShouldBe(0.05);
        details.GetProperty("baseline").GetDouble().ShouldBe(0.01);
        details.GetProperty("started_at").GetString().ShouldBe("2026-01-01T11:59:00Z");
        details.TryGetProperty("truncated", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task AcknowledgeAndResolve_UseTheTriggersDedupKey_WithoutPayload()
    {
        await Channel().SendAsync(TestAlerts.Firing(), CancellationToken.None);
        await Channel().SendAsync(TestAlerts.Acknowledged(), CancellationToken.None);
        await Channel().SendAsync(TestAlerts.Resolved(), CancellationToken.None);

        var events = _server.Requests.Select(r => r.Json()).ToList();
        events.Select(e => e.GetProperty("event_action").GetString()).ShouldBe(["trigger", "acknowledge", "resolve"]);
        events.Select(e => e.GetProperty("dedup_key").GetString()).Distinct().ShouldHaveSingleItem().ShouldBe("alrt-0001");
        foreach (var followUp in events.Skip(1))
        {
            followUp.TryGetProperty("payload", out _).ShouldBeFalse();
            followUp.GetProperty("routing_key").GetString().ShouldBe(RoutingKey);
        }
    }

    [Theory]
    [InlineData(AlertSeverity.Critical, "critical")]
    [InlineData(AlertSeverity.Warning, "warning")]
    [InlineData(AlertSeverity.Info, "info")]
    public async Task Trigger_MapsSeverities_ByDefault(AlertSeverity severity, string expected)
    {
        await Channel().SendAsync(TestAlerts.Firing(severity), CancellationToken.None);

        _server.Requests.ShouldHaveSingleItem().Json().GetProperty("payload").GetProperty("severity").GetString().ShouldBe(expected);
    }

    [Fact]
    public async Task Trigger_SeverityMapping_IsConfigurable()
    {
        await using var host = CreateHost(o =>
        {
            o.CriticalSeverity = PagerDutySeverity.Error;
            o.InfoSeverity = PagerDutySeverity.Warning;
        });

        await host.Channel("pagerduty").SendAsync(TestAlerts.Firing(AlertSeverity.Critical), CancellationToken.None);
        await host.Channel("pagerduty").SendAsync(TestAlerts.Firing(AlertSeverity.Info), CancellationToken.None);

        _server.Requests.Select(r => r.Json().GetProperty("payload").GetProperty("severity").GetString()).ShouldBe(["error", "warning"]);
    }

    [Fact]
    public async Task Trigger_LongMessage_SummaryIsCutTo1024Characters_DetailsKeepTheMessage()
    {
        var message = string.Concat(Enumerable.Repeat("drift in feature amount; ", 200));

        await Channel().SendAsync(TestAlerts.Firing() with { Message = message }, CancellationToken.None);

        var payload = _server.Requests.ShouldHaveSingleItem().Json().GetProperty("payload");
        var summary = payload.GetProperty("summary").GetString()!;
        summary.Length.ShouldBe(1024);
        summary.ShouldStartWith("fraud error_rate.max: drift in feature amount;");
        summary.ShouldEndWith("…");
        payload.GetProperty("custom_details").GetProperty("message").GetString().ShouldBe(message);
    }

    [Fact]
    public async Task Trigger_HugeMessage_BodyStaysWithin512KB()
    {
        var message = new string('x', 2_000_000) + " end";

        await Channel().SendAsync(TestAlerts.Firing() with { Message = message }, CancellationToken.None);

        var request = _server.Requests.ShouldHaveSingleItem();
        request.Body.Length.ShouldBeLessThanOrEqualTo(512_000);
        request.Body.Length.ShouldBeGreaterThan(500_000);
        var payload = request.Json().GetProperty("payload");
        payload.GetProperty("summary").GetString()!.Length.ShouldBeLessThanOrEqualTo(1024);
        var details = payload.GetProperty("custom_details");
        details.GetProperty("truncated").GetBoolean().ShouldBeTrue();
        details.GetProperty("message").GetString().ShouldEndWith("…");
        _host.Logs.Lines.ShouldContain(line => line.Contains("[2003]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Trigger_HugeNonAsciiMessage_BodyStaysWithin512KB()
    {
        var message = string.Concat(Enumerable.Repeat("Überschreitung ⚠ 📈 ", 100_000));

        await Channel().SendAsync(TestAlerts.Firing() with { Message = message }, CancellationToken.None);

        var request = _server.Requests.ShouldHaveSingleItem();
        request.Body.Length.ShouldBeLessThanOrEqualTo(512_000);
        request.Json().GetProperty("payload").GetProperty("custom_details").GetProperty("truncated").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Trigger_HugeModelAndName_AreCutToo()
    {
        var huge = new string('m', 600_000);

        await Channel().SendAsync(TestAlerts.Firing() with { Model = huge, Name = huge }, CancellationToken.None);

        var request = _server.Requests.ShouldHaveSingleItem();
        request.Body.Length.ShouldBeLessThanOrEqualTo(512_000);
        request.Json().GetProperty("payload").GetProperty("component").GetString()!.Length.ShouldBeLessThanOrEqualTo(256);
    }

    [Fact]
    public async Task DedupKey_LongId_IsHashedTo255CharactersOrFewer_TheSameForEveryState()
    {
        var id = new string('i', 300);

        await Channel().SendAsync(TestAlerts.Firing() with { Id = id }, CancellationToken.None);
        await Channel().SendAsync(TestAlerts.Resolved() with { Id = id }, CancellationToken.None);

        var keys = _server.Requests.Select(r => r.Json().GetProperty("dedup_key").GetString()!).ToList();
        keys.Distinct().ShouldHaveSingleItem().ShouldStartWith("sha256:");
        keys[0].Length.ShouldBeLessThanOrEqualTo(255);
    }

    [Fact]
    public async Task DedupKey_WithoutId_IsStableAcrossStates()
    {
        await Channel().SendAsync(TestAlerts.Firing() with { Id = string.Empty }, CancellationToken.None);
        await Channel().SendAsync(TestAlerts.Resolved() with { Id = string.Empty }, CancellationToken.None);
        await Channel().SendAsync(TestAlerts.Firing() with { Id = string.Empty, StartedAt = TestAlerts.Now.AddHours(1) }, CancellationToken.None);

        var keys = _server.Requests.Select(r => r.Json().GetProperty("dedup_key").GetString()).ToList();
        keys[1].ShouldBe(keys[0]);
        keys[2].ShouldNotBe(keys[0]);
    }

    [Fact]
    public async Task Send_400_FailsPermanently_AfterOneRequest()
    {
        _server.Enqueue(Reply.Status(400, """{"status":"invalid event","message":"Event object is invalid","errors":["'routing_key' is invalid"]}"""));

        var error = await Should.ThrowAsync<AlertDeliveryException>(Channel().SendAsync(TestAlerts.Firing(), CancellationToken.None).AsTask());

        error.IsPermanent.ShouldBeTrue();
        error.Message.ShouldContain("HTTP 400");
        _server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Send_429Then500Then202_IsDeliveredOnTheThirdRequest()
    {
        _server.Enqueue(Reply.Status(429), Reply.Status(500));

        var delays = await _host.SendSkippingDelaysAsync(Channel(), TestAlerts.Firing(), AttemptTimeout);

        _server.Requests.Count.ShouldBe(3);
        delays.Count.ShouldBe(2);
        _server.Requests.Select(r => r.BodyText).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task Send_429WithRetryAfter_WaitsAsAsked()
    {
        _server.Enqueue(Reply.TooManyRequests(7));

        var delays = await _host.SendSkippingDelaysAsync(Channel(), TestAlerts.Firing(), AttemptTimeout);

        delays.ShouldBe([TimeSpan.FromSeconds(7)]);
        (_server.Requests[1].ReceivedAt - _server.Requests[0].ReceivedAt).ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task Send_ServerHangs_TheAttemptTimeoutFires()
    {
        await using var host = CreateHost(o => o.MaxRetries = 0);
        _server.Enqueue(Reply.Hang());
        var send = host.Channel("pagerduty").SendAsync(TestAlerts.Firing(), CancellationToken.None).AsTask();
        await _server.WhenRequests(1).Within();

        _clock.Advance(await _clock.NextTimerAsync(due => due == AttemptTimeout).Within());

        var error = await Should.ThrowAsync<AlertDeliveryException>(send.Within());
        error.IsPermanent.ShouldBeFalse();
        error.Message.ShouldContain("no answer within the attempt timeout of 00:00:10 (1 attempt)");
    }

    private IAlertChannel Channel() => _host.Channel("pagerduty");

    private ChannelHost CreateHost(Action<PagerDutyChannelOptions> extra) => ChannelHost.Create(
        builder => builder.AddPagerDutyChannel(o =>
        {
            o.RoutingKey = RoutingKey;
            o.EventsUrl = _server.Url("/v2/enqueue");
            o.Source = "scoring-host-1";
            o.AttemptTimeout = AttemptTimeout;
            o.MaxRetryDelay = TimeSpan.FromSeconds(5);
            extra(o);
        }),
        _clock);
}
