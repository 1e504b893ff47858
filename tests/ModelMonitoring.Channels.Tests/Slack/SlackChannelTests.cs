using System.Text.Json;
using ModelMonitoring.Alerting;
using ModelMonitoring.Channels.Tests.Infrastructure;

namespace ModelMonitoring.Channels.Tests.Slack;

public sealed class SlackChannelTests : IAsyncLifetime
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly ObservedClock _clock = new();
    private FakeHttpServer _server = null!;
    private ChannelHost _host = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeHttpServer.StartAsync(_clock);
        _host = CreateHost(_ => { });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_PostsAnIncomingWebhookMessage_WithAColouredAttachmentAndFields()
    {
        await Channel().SendAsync(TestAlerts.Firing(), CancellationToken.None);

        var request = _server.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/services/T000/B000/XXXX");
        request.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        var json = request.Json();
        json.GetProperty("text").GetString().ShouldBe("Critical firing: fraud error_rate.max: Error rate 0.12 is above 0.05");
        var attachment = json.GetProperty("attachments").EnumerateArray().ShouldHaveSingleItem();
        attachment.GetProperty("color").GetString().ShouldBe("#d00000");
        attachment.GetProperty("fallback").GetString().ShouldBe(json.GetProperty("text").GetString());
        attachment.GetProperty("title").GetString().ShouldBe("Critical firing: fraud error_rate.max");
        attachment.GetProperty("text").GetString().ShouldBe("Error rate 0.12 is above 0.05");
        attachment.GetProperty("footer").GetString().ShouldBe("ModelMonitoring · alert alrt-0001");
        attachment.GetProperty("ts").GetInt64().ShouldBe(TestAlerts.Now.AddMinutes(-1).ToUnixTimeSeconds());
        Fields(attachment).ShouldBe(
        [
            ("Model", "fraud 1.4.0", true),
            ("Environment", "production", true),
            ("Severity", "Critical", true),
            ("State", "Firing", true),
            ("Metric", "error_rate = 0.12 (threshold 0.05, baseline 0.01)", false),
            ("Time", "2026-01-01T11:59:00Z", true),
        ]);
    }

    [Theory]
    [InlineData(AlertSeverity.Critical, AlertState.Firing, "#d00000")]
    [InlineData(AlertSeverity.Warning, AlertState.Firing, "#daa038")]
    [InlineData(AlertSeverity.Info, AlertState.Firing, "#2eb886")]
    [InlineData(AlertSeverity.Critical, AlertState.Acknowledged, "#d00000")]
    [InlineData(AlertSeverity.Critical, AlertState.Resolved, "#2eb886")]
    public async Task SendAsync_ColoursTheAttachmentBySeverity_ResolvedGreen(AlertSeverity severity, AlertState state, string color)
    {
        await Channel().SendAsync(TestAlerts.Firing(severity) with { State = state }, CancellationToken.None);

        var attachment = _server.Requests.ShouldHaveSingleItem().Json().GetProperty("attachments")[0];
        attachment.GetProperty("color").GetString().ShouldBe(color);
    }

    [Fact]
    public async Task SendAsync_Acknowledged_SaysWho()
    {
        await Channel().SendAsync(TestAlerts.Acknowledged(), CancellationToken.None);

        Fields(_server.Requests.ShouldHaveSingleItem().Json().GetProperty("attachments")[0]).ShouldContain(("State", "Acknowledged by alice", true));
    }

    [Fact]
    public async Task SendAsync_EscapesSlackControlCharacters()
    {
        await Channel().SendAsync(TestAlerts.Firing() with { Message = "p95 <300 ms> & rising <!channel>" }, CancellationToken.None);

        var attachment = _server.Requests.ShouldHaveSingleItem().Json().GetProperty("attachments")[0];
        attachment.GetProperty("text").GetString().ShouldBe("p95 &lt;300 ms&gt; &amp; rising &lt;!channel&gt;");
    }

    [Fact]
    public async Task SendAsync_200Ok_IsDeliveredWithOneRequest()
    {
        await Channel().SendAsync(TestAlerts.Firing(), CancellationToken.None);

        _server.Requests.Count.ShouldBe(1);
        _clock.Timers.ShouldAllBe(due => due == AttemptTimeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("OK")]
    [InlineData("ok\n")]
    [InlineData("<html>Sign in to continue</html>")]
    public async Task SendAsync_200WithABodyOtherThanOk_Fails(string body)
    {
        _server.Enqueue(Reply.Status(200, body));

        var error = await Should.ThrowAsync<AlertDeliveryException>(Channel().SendAsync(TestAlerts.Firing(), CancellationToken.None).AsTask());

        error.Message.ShouldContain("without the body 'ok'");
        error.IsPermanent.ShouldBeTrue();
        _server.Requests.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(400, "invalid_payload")]
    [InlineData(403, "action_prohibited")]
    [InlineData(404, "no_service")]
    [InlineData(410, "channel_is_archived")]
    public async Task SendAsync_RejectedOrGoneWebhook_FailsPermanently_WithoutRetry(int status, string slackError)
    {
        _server.Enqueue(Reply.Status(status, slackError));

        var error = await Should.ThrowAsync<AlertDeliveryException>(Channel().SendAsync(TestAlerts.Firing(), CancellationToken.None).AsTask());

        error.IsPermanent.ShouldBeTrue();
        error.Channel.ShouldBe("slack");
        error.Message.ShouldContain($"HTTP {status}");
        error.Message.ShouldContain(slackError);
        _server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_ErrorBodyThatIsNotASlackErrorCode_IsLeftOutOfTheMessage()
    {
        _server.Enqueue(Reply.Status(400, "<html>something about https://hooks.slack.com/services/T/B/secret</html>"));

        var error = await Should.ThrowAsync<AlertDeliveryException>(Channel().SendAsync(TestAlerts.Firing(), CancellationToken.None).AsTask());

        error.Message.ShouldNotContain("secret");
        error.Message.ShouldNotContain("html");
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfter7_WaitsSevenSecondsOfFakeTime_NotLess()
    {
        _server.Enqueue(Reply.TooManyRequests(7));
        var send = Channel().SendAsync(TestAlerts.Firing(), CancellationToken.None).AsTask();

        var delay = await _clock.NextTimerAsync(due => due != AttemptTimeout).Within();
        delay.ShouldBe(TimeSpan.FromSeconds(7));
        _clock.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromTicks(1));
        send.IsCompleted.ShouldBeFalse();
        _server.Requests.Count.ShouldBe(1);
        _clock.Advance(TimeSpan.FromTicks(1));

        await send.Within();
        _server.Requests.Count.ShouldBe(2);
        (_server.Requests[1].ReceivedAt - _server.Requests[0].ReceivedAt).ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task SendAsync_500Then200_IsDeliveredWithTwoRequests()
    {
        _server.Enqueue(Reply.Status(500, "internal_error"));

        var delays = await _host.SendSkippingDelaysAsync(Channel(), TestAlerts.Firing(), AttemptTimeout);

        _server.Requests.Count.ShouldBe(2);
        delays.ShouldHaveSingleItem().ShouldBeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public async Task SendAsync_Always503_FailsTransiently_AfterEveryRetry()
    {
        _server.DefaultReply = Reply.Status(503);

        var error = await _host.FailSkippingDelaysAsync(Channel(), TestAlerts.Firing(), AttemptTimeout);

        error.IsPermanent.ShouldBeFalse();
        error.Message.ShouldContain("HTTP 503");
        _server.Requests.Count.ShouldBe(4);
    }

    [Fact]
    public async Task SendAsync_ServerHangs_TimesOutPerAttempt_OnTheFakeClock()
    {
        await using var host = CreateHost(o => o.MaxRetries = 1);
        _server.DefaultReply = Reply.Hang();
        var send = host.Channel("slack").SendAsync(TestAlerts.Firing(), CancellationToken.None).AsTask();

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await _server.WhenRequests(attempt).Within();
            _clock.Advance(await _clock.NextTimerAsync(due => due == AttemptTimeout).Within());
            if (attempt == 1)
            {
                _clock.Advance(await _clock.NextTimerAsync(due => due != AttemptTimeout).Within());
            }
        }

        var error = await Should.ThrowAsync<AlertDeliveryException>(send.Within());
        error.Message.ShouldContain("no answer within the attempt timeout");
        error.Message.ShouldContain("2 attempts");
        _server.Requests.Count.ShouldBe(2);
    }

    private IAlertChannel Channel() => _host.Channel("slack");

    private static List<(string Title, string Value, bool Short)> Fields(JsonElement attachment) =>
    [
        .. attachment.GetProperty("fields").EnumerateArray()
            .Select(f => (f.GetProperty("title").GetString()!, f.GetProperty("value").GetString()!, f.GetProperty("short").GetBoolean())),
    ];

    private ChannelHost CreateHost(Action<SlackChannelOptions> extra) => ChannelHost.Create(
        builder => builder.AddSlackChannel(o =>
        {
            o.WebhookUrl = _server.Url("/services/T000/B000/XXXX");
            o.AttemptTimeout = AttemptTimeout;
            o.MaxRetryDelay = TimeSpan.FromSeconds(5);
            extra(o);
        }),
        _clock);
}
