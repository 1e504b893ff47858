using System.Text.Json;
using ModelMonitoring.Alerting;
using ModelMonitoring.Channels.Tests.Infrastructure;

namespace ModelMonitoring.Channels.Tests.Webhook;

public sealed class WebhookChannelTests : IAsyncLifetime
{
    private const string Secret = "primary-signing-secret-0123456789";
    private const string SecondarySecret = "secondary-signing-secret-9876543210";
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly ObservedClock _clock = new();
    private FakeHttpServer _server = null!;
    private ChannelHost _host = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeHttpServer.StartAsync(_clock);
        _server.DefaultReply = Reply.Status(204);
        _host = CreateHost(_ => { });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_PostsTheDocumentedJsonFields()
    {
        await Channel().SendAsync(TestAlerts.Acknowledged(AlertSeverity.Warning), CancellationToken.None);

        var request = _server.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/hooks/models");
        request.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        var json = request.Json();
        json.EnumerateObject().Select(p => p.Name).ShouldBe(
        [
            "id", "model", "version", "environment", "name", "severity", "state", "message", "metric", "value", "threshold",
            "baseline", "timestamp", "started_at", "acknowledged_by", "acknowledged_at", "resolved_at", "metadata", "expires_at",
        ]);
        json.GetProperty("id").GetString().ShouldBe("alrt-0001");
        json.GetProperty("model").GetString().ShouldBe("fraud");
        json.GetProperty("version").GetString().ShouldBe("1.4.0");
        json.GetProperty("environment").GetString().ShouldBe("production");
        json.GetProperty("name").GetString().ShouldBe("error_rate.max");
        json.GetProperty("severity").GetString().ShouldBe("warning");
        json.GetProperty("state").GetString().ShouldBe("acknowledged");
        json.GetProperty("message").GetString().ShouldBe("Error rate 0.12 is above 0.05");
        json.GetProperty("metric").GetString().ShouldBe("error_rate");
        json.GetProperty("value").GetDouble().ShouldBe(0.12);
        json.GetProperty("threshold").GetDouble().ShouldBe(0.05);
        json.GetProperty("baseline").GetDouble().ShouldBe(0.01);
        json.GetProperty("timestamp").GetString().ShouldBe("2026-01-01T12:00:00Z");
        json.GetProperty("started_at").GetString().ShouldBe("2026-01-01T11:59:00Z");
        json.GetProperty("acknowledged_by").GetString().ShouldBe("alice");
        json.GetProperty("acknowledged_at").GetString().ShouldBe("2026-01-01T12:00:00Z");
        json.GetProperty("resolved_at").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("metadata").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("expires_at").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task SendAsync_ApplicationAlert_PostsItsMetadataInOrderAndExpiry_SecretValuesRedacted()
    {
        var alert = TestAlerts.Firing() with
        {
            Name = "model_failure",
            Metadata = new Dictionary<string, string>
            {
                ["path"] = "/models/fraud.onnx",
                ["api_key"] = "sk-live-0123",
                ["DB_PASSWORD"] = "hunter2",
                ["Authorization"] = "Bearer abc",
                ["routing-key"] = "R0UT1NG",
                ["client_secret"] = "shh",
                ["connectionString"] = "Host=db;Password=pw",
                ["keys_checked"] = "3",
            },
            ExpiresAt = new DateTimeOffset(2026, 1, 1, 13, 0, 0, TimeSpan.Zero),
        };

        await Channel().SendAsync(alert, CancellationToken.None);

        var request = _server.Requests.ShouldHaveSingleItem();
        var metadata = request.Json().GetProperty("metadata");
        metadata.EnumerateObject().Select(p => (p.Name, p.Value.GetString())).ShouldBe(
        [
            ("path", "/models/fraud.onnx"),
            ("api_key", "***"),
            ("DB_PASSWORD", "***"),
            ("Authorization", "***"),
            ("routing-key", "***"),
            ("client_secret", "***"),
            ("connectionString", "***"),
            ("keys_checked", "3"),
        ]);
        request.Json().GetProperty("expires_at").GetString().ShouldBe("2026-01-01T13:00:00Z");
        foreach (var secret in new[] { "sk-live-0123", "hunter2", "Bearer abc", "R0UT1NG", "shh", "Host=db" })
        {
            request.BodyText.ShouldNotContain(secret);
        }
    }

    [Fact]
    public async Task SendAsync_BodyIsExactlyTheDocumentedExample()
    {
        await Channel().SendAsync(TestAlerts.Firing(), CancellationToken.None);

        // The example in the package README, byte for byte.
        _server.Requests.ShouldHaveSingleItem().BodyText.ShouldBe(
            """{"id":"alrt-0001","model":"fraud","version":"1.4.0","environment":"production","name":"error_rate.max","severity":"critical","state":"firing","message":"Error rate 0.12 is above 0.05","metric":"error_rate","value":0.12,"threshold":0.05,"baseline":0.01,"timestamp":"2026-01-01T11:59:00Z","started_at":"2026-01-01T11:59:00Z","acknowledged_by":null,"acknowledged_at":null,"resolved_at":null,"metadata":null,"expires_at":null}""");
    }

    [Fact]
    public async Task SendAsync_NonFiniteValues_AreNull()
    {
        await Channel().SendAsync(TestAlerts.Firing() with { Value = double.NaN, Threshold = double.PositiveInfinity }, CancellationToken.None);

        var json = _server.Requests.ShouldHaveSingleItem().Json();
        json.GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
        json.GetProperty("threshold").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task SendAsync_SignatureVerifiesWithTheSecret_AndTheClockTimestamp()
    {
        _clock.Advance(TimeSpan.FromSeconds(42));

        await Channel().SendAsync(TestAlerts.Firing(), CancellationToken.None);

        var request = _server.Requests.ShouldHaveSingleItem();
        var header = request.Header(WebhookSignature.DefaultHeaderName).ShouldNotBeNull();
        header.ShouldStartWith($"t={_clock.GetUtcNow().ToUnixTimeSeconds()},v1=");
        header.Split(",v1=").Length.ShouldBe(2);
        var result = WebhookSignature.Verify(header, request.Body, [Secret], _clock.GetUtcNow());
        result.IsValid.ShouldBeTrue(result.Reason);
        WebhookSignature.Verify(header, request.Body, ["some-other-secret"], _clock.GetUtcNow()).IsValid.ShouldBeFalse();
    }

    [Fact]
    public async Task SendAsync_WithASecondarySecret_SignsUnderBoth()
    {
        await using var host = CreateHost(o => o.SecondarySecret = SecondarySecret);

        await host.Channel("webhook").SendAsync(TestAlerts.Firing(), CancellationToken.None);

        var request = _server.Requests.ShouldHaveSingleItem();
        var header = request.Header(WebhookSignature.DefaultHeaderName).ShouldNotBeNull();
        header.Split(",v1=").Length.ShouldBe(3);
        WebhookSignature.Verify(header, request.Body, [Secret], _clock.GetUtcNow()).IsValid.ShouldBeTrue();
        WebhookSignature.Verify(header, request.Body, [SecondarySecret], _clock.GetUtcNow()).IsValid.ShouldBeTrue();
    }

    [Fact]
    public async Task SendAsync_ExampleAlert_CarriesTheDocumentedSignatureHeader()
    {
        // The package README's end-to-end vector; the signatures were computed with Python's hmac module
        // over the exact body of SendAsync_BodyIsExactlyTheDocumentedExample at t = 2026-01-01T12:00:00Z.
        await using var host = CreateHost(o =>
        {
            o.Secret = "whsec_test_3f9a1c";
            o.SecondarySecret = "rotated-secret-2";
        });

        await host.Channel("webhook").SendAsync(TestAlerts.Firing(), CancellationToken.None);

        _server.Requests.ShouldHaveSingleItem().Header(WebhookSignature.DefaultHeaderName).ShouldBe(
            "t=1767268800,v1=5df64ece708160ada66663f137bc2d4dc23db1473b591298053aa21e7c4311cc,v1=cf6f8375f43fe58cd525fb9308f90bcf4a3b233dd2b67851c0c68713082ec70c");
    }

    [Fact]
    public async Task SendAsync_CustomHeaderName_CarriesTheSignature()
    {
        await using var host = CreateHost(o => o.SignatureHeaderName = "X-Hub-Signature");

        await host.Channel("webhook").SendAsync(TestAlerts.Firing(), CancellationToken.None);

        var request = _server.Requests.ShouldHaveSingleItem();
        request.Header(WebhookSignature.DefaultHeaderName).ShouldBeNull();
        WebhookSignature.Verify(request.Header("X-Hub-Signature"), request.Body, [Secret], _clock.GetUtcNow()).IsValid.ShouldBeTrue();
    }

    [Fact]
    public async Task SendAsync_500Then200_IsDeliveredWithTwoRequests()
    {
        _server.Enqueue(Reply.Status(500), Reply.Status(200));

        var delays = await _host.SendSkippingDelaysAsync(Channel(), TestAlerts.Firing(), AttemptTimeout);

        _server.Requests.Count.ShouldBe(2);
        delays.Count.ShouldBe(1);
        _host.Logs.Lines.ShouldContain(line => line.Contains("[2001]", StringComparison.Ordinal) && line.Contains("HTTP 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_RetryIsSignedAfresh_WithTheTimeOfTheRetry()
    {
        _server.Enqueue(Reply.TooManyRequests(120));

        await _host.SendSkippingDelaysAsync(Channel(), TestAlerts.Firing(), AttemptTimeout);

        var (first, second) = (_server.Requests[0], _server.Requests[1]);
        (second.ReceivedAt - first.ReceivedAt).ShouldBe(TimeSpan.FromSeconds(120));
        second.Header(WebhookSignature.DefaultHeaderName).ShouldStartWith($"t={second.ReceivedAt.ToUnixTimeSeconds()},");
        WebhookSignature.Verify(second.Header(WebhookSignature.DefaultHeaderName), second.Body, [Secret], second.ReceivedAt).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task SendAsync_ClientError_FailsPermanentlyAfterOneRequest(int status)
    {
        _server.Enqueue(Reply.Status(status));

        var error = await Should.ThrowAsync<AlertDeliveryException>(Channel().SendAsync(TestAlerts.Firing(), CancellationToken.None).AsTask());

        error.IsPermanent.ShouldBeTrue();
        error.Channel.ShouldBe("webhook");
        error.Message.ShouldContain($"HTTP {status}");
        _server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_Redirect_IsNotFollowed()
    {
        _server.Enqueue(new Reply(307, Headers: new Dictionary<string, string> { ["Location"] = "/elsewhere" }));

        var error = await Should.ThrowAsync<AlertDeliveryException>(Channel().SendAsync(TestAlerts.Firing(), CancellationToken.None).AsTask());

        error.IsPermanent.ShouldBeTrue();
        error.Message.ShouldContain("redirects are not followed");
        _server.Requests.ShouldHaveSingleItem().Path.ShouldBe("/hooks/models");
    }

    [Fact]
    public async Task SendAsync_AlwaysFailing_GivesUpAfterTheRetries_WithGrowingDelays()
    {
        _server.DefaultReply = Reply.Status(503);

        var error = await _host.FailSkippingDelaysAsync(Channel(), TestAlerts.Firing(), AttemptTimeout);

        error.IsPermanent.ShouldBeFalse();
        error.Message.ShouldContain("HTTP 503");
        error.Message.ShouldContain("4 attempts");
        _server.Requests.Count.ShouldBe(4);
        var delays = _clock.Timers.Where(t => t != AttemptTimeout).ToList();
        delays.Count.ShouldBe(3);
        delays.ShouldAllBe(d => d > TimeSpan.Zero && d <= TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SendAsync_ServerHangs_TheAttemptTimeoutFiresOnTheFakeClock()
    {
        await using var host = CreateHost(o => o.MaxRetries = 0);
        _server.Enqueue(Reply.Hang());
        var send = host.Channel("webhook").SendAsync(TestAlerts.Firing(), CancellationToken.None).AsTask();
        await _server.WhenRequests(1).Within();
        var timeout = await _clock.NextTimerAsync(due => due == AttemptTimeout).Within();

        _clock.Advance(timeout);

        var error = await Should.ThrowAsync<AlertDeliveryException>(send.Within());
        error.IsPermanent.ShouldBeFalse();
        error.Message.ShouldContain("no answer within the attempt timeout of 00:00:10");
        _server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_ServerHangsOnce_TheRetrySucceeds()
    {
        _server.Enqueue(Reply.Hang());
        var send = Channel().SendAsync(TestAlerts.Firing(), CancellationToken.None).AsTask();
        await _server.WhenRequests(1).Within();
        _clock.Advance(await _clock.NextTimerAsync(due => due == AttemptTimeout).Within());

        await _clock.SkipDelaysAsync(send, AttemptTimeout);

        await send.Within();
        _server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_IsATransientNetworkError()
    {
        await using var host = CreateHost(o => o.Url = new Uri($"http://127.0.0.1:{ChannelHost.ClosedPort()}/hooks/models"));

        var error = await host.FailSkippingDelaysAsync(host.Channel("webhook"), TestAlerts.Firing(), AttemptTimeout);

        error.IsPermanent.ShouldBeFalse();
        error.Message.ShouldContain("network error");
        error.Message.ShouldContain("4 attempts");
    }

    [Fact]
    public async Task SendAsync_CallerCancels_StopsWithOperationCanceled()
    {
        _server.Enqueue(Reply.Hang());
        using var cancellation = new CancellationTokenSource();
        var send = Channel().SendAsync(TestAlerts.Firing(), cancellation.Token).AsTask();
        await _server.WhenRequests(1).Within();

        await cancellation.CancelAsync();

        var error = await Should.ThrowAsync<OperationCanceledException>(send.Within());
        error.InnerException.ShouldBeNull();
        _server.Requests.Count.ShouldBe(1);
    }

    private IAlertChannel Channel() => _host.Channel("webhook");

    private ChannelHost CreateHost(Action<WebhookChannelOptions> extra) => ChannelHost.Create(
        builder => builder.AddWebhookChannel(o =>
        {
            o.Url = _server.Url("/hooks/models");
            o.Secret = Secret;
            o.AttemptTimeout = AttemptTimeout;
            o.RetryDelay = TimeSpan.FromSeconds(1);
            o.MaxRetryDelay = TimeSpan.FromSeconds(5);
            extra(o);
        }),
        _clock);
}
