using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelMonitoring.Alerting;
using ModelMonitoring.Channels.Tests.Infrastructure;

namespace ModelMonitoring.Channels.Tests.Security;

/// <summary>
/// One canary string in every credential (webhook URL path and query, both signing secrets, Slack URL,
/// PagerDuty routing key, SMTP password), every delivery outcome, every log line of every category at
/// Trace level: the canary must appear nowhere but on the wire.
/// </summary>
public sealed class SecretLeakTests : IAsyncLifetime
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    // 32 letters and digits, so it is also a well-formed PagerDuty routing key.
    private readonly string _canary = Guid.NewGuid().ToString("N");
    private readonly ObservedClock _clock = new();
    private readonly List<Exception> _errors = [];
    private FakeHttpServer _server = null!;
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _certificate = TestCertificates.Shared;
    private FakeSmtpServer _smtp = null!;
    private ChannelHost _host = null!;

    private static string[] HttpChannels => ["webhook", "slack", "pagerduty"];

    public async Task InitializeAsync()
    {
        _server = await FakeHttpServer.StartAsync(_clock);
        _smtp = FakeSmtpServer.Start(FakeSmtpServer.SmtpTls.StartTls, _certificate);
        var closed = new Uri($"http://127.0.0.1:{ChannelHost.ClosedPort()}");
        _host = ChannelHost.Create(builder => builder
            .AddWebhookChannel(o => Webhook(o, _server.BaseAddress))
            .AddWebhookChannel("webhook-refused", o => Webhook(o, closed))
            .AddSlackChannel(o => Slack(o, _server.BaseAddress))
            .AddSlackChannel("slack-refused", o => Slack(o, closed))
            .AddPagerDutyChannel(o => PagerDuty(o, _server.BaseAddress))
            .AddPagerDutyChannel("pagerduty-refused", o => PagerDuty(o, closed))
            .AddEmailChannel(o => Email(o, _smtp.Port))
            .AddEmailChannel("email-refused", o => Email(o, ChannelHost.ClosedPort())),
            _clock);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Success_LeaksNothing()
    {
        foreach (var name in HttpChannels.Append("email"))
        {
            await SendAsync(name);
        }

        _errors.ShouldBeEmpty();
        _server.Requests.Count.ShouldBe(3);
        _smtp.Messages.ShouldHaveSingleItem().AuthPassword.ShouldBe(_canary);
        AssertNoLeak();
    }

    [Fact]
    public async Task Rejected400_LeaksNothing()
    {
        _server.DefaultReply = Reply.Status(400, "invalid_payload");

        foreach (var name in HttpChannels)
        {
            await SendAsync(name);
        }

        _errors.Count.ShouldBe(3);
        _errors.ShouldAllBe(e => e is AlertDeliveryException && ((AlertDeliveryException)e).IsPermanent);
        AssertNoLeak();
    }

    [Fact]
    public async Task ServerError500_WithRetries_LeaksNothing()
    {
        _server.DefaultReply = Reply.Status(500, "internal_error");

        foreach (var name in HttpChannels)
        {
            await SendAsync(name);
        }

        _errors.Count.ShouldBe(3);
        _server.Requests.Count.ShouldBe(6);
        AssertNoLeak();
    }

    [Fact]
    public async Task Hang_TimingOut_LeaksNothing()
    {
        _server.DefaultReply = Reply.Hang();

        foreach (var name in HttpChannels)
        {
            await SendAsync(name, fireEveryTimer: true);
        }

        _errors.Count.ShouldBe(3);
        _errors.ShouldAllBe(e => e.Message.Contains("attempt timeout", StringComparison.Ordinal));
        AssertNoLeak();
    }

    [Fact]
    public async Task ConnectionRefused_LeaksNothing()
    {
        foreach (var name in new[] { "webhook-refused", "slack-refused", "pagerduty-refused", "email-refused" })
        {
            await SendAsync(name);
        }

        _errors.Count.ShouldBe(4);
        AssertNoLeak();
    }

    [Fact]
    public async Task SmtpRejection554_LeaksNothing()
    {
        _smtp.ReplyToData("554 5.7.1 Rejected");

        await SendAsync("email");

        _errors.ShouldHaveSingleItem().ShouldBeOfType<AlertDeliveryException>().IsPermanent.ShouldBeTrue();
        AssertNoLeak();
    }

    [Fact]
    public async Task CallerCancels_LeaksNothing()
    {
        _server.DefaultReply = Reply.Hang();
        foreach (var name in HttpChannels)
        {
            using var cancellation = new CancellationTokenSource();
            var send = _host.Channel(name).SendAsync(TestAlerts.Firing(), cancellation.Token).AsTask();
            await cancellation.CancelAsync();
            Record(await Should.ThrowAsync<OperationCanceledException>(send.Within()), name);
        }

        AssertNoLeak();
    }

    [Fact]
    public async Task TheLogCaptureSeesHttpClientLogging_WhenItIsNotRemoved()
    {
        // The control: an HttpClient registered the ordinary way logs its request URI, and the capture
        // sees it. The channels' clients are registered the same way, less those loggers.
        await using var host = ChannelHost.Create(_ => { }, _clock, services => services.AddHttpClient("control"));
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("control");

        using var response = await client.GetAsync(_server.Url($"/services/T000/B000/{_canary}"));

        host.Logs.Lines.ShouldContain(line => line.Contains("System.Net.Http.HttpClient.control", StringComparison.Ordinal) && line.Contains(_canary, StringComparison.Ordinal));
    }

    private async Task SendAsync(string channel, bool fireEveryTimer = false)
    {
        var send = _host.Channel(channel).SendAsync(TestAlerts.Firing(), CancellationToken.None).AsTask();
        if (fireEveryTimer)
        {
            await _clock.SkipAllTimersAsync(send);
        }
        else
        {
            await _clock.SkipDelaysAsync(send, AttemptTimeout);
        }

        try
        {
            await send.Within();
        }
        catch (Exception ex) when (ex is AlertDeliveryException or OperationCanceledException)
        {
            Record(ex, channel);
        }
    }

    /// <summary>Keeps the failure, and logs it the way the pipeline does: with the exception, whose text the log shows whole.</summary>
    private void Record(Exception error, string channel)
    {
        _errors.Add(error);
        _host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ModelMonitoring")
            .LogWarning(error, "Alert channel {Channel} failed to deliver alert {Alert} for model {Model}.", channel, "error_rate.max", "fraud");
    }

    private void AssertNoLeak()
    {
        // The capture is live (every category, Trace and up; failures are logged with their exception) ...
        _host.Logs.Lines.Count.ShouldBeGreaterThanOrEqualTo(_errors.Count);

        // ... and nothing it caught, no exception and no options' text carries the canary.
        _host.Logs.Lines.ShouldAllBe(line => !line.Contains(_canary, StringComparison.Ordinal));
        foreach (var error in _errors)
        {
            error.ToString().ShouldNotContain(_canary);
            for (var inner = error; inner is not null; inner = inner.InnerException)
            {
                inner.Message.ShouldNotContain(_canary);
            }
        }

        foreach (var text in new[]
        {
            _host.Options<WebhookChannelOptions>("webhook").ToString(),
            _host.Options<SlackChannelOptions>("slack").ToString(),
            _host.Options<PagerDutyChannelOptions>("pagerduty").ToString(),
            _host.Options<EmailChannelOptions>("email").ToString(),
        })
        {
            text.ShouldNotContain(_canary);
            text.ShouldContain("[redacted]");
        }
    }

    private void Webhook(WebhookChannelOptions o, Uri server)
    {
        o.Url = new Uri(server, $"/hooks/{_canary}?token={_canary}");
        o.Secret = _canary;
        o.SecondarySecret = _canary + "-next";
        Delivery(o);
    }

    private void Slack(SlackChannelOptions o, Uri server)
    {
        o.WebhookUrl = new Uri(server, $"/services/T000/B000/{_canary}");
        Delivery(o);
    }

    private void PagerDuty(PagerDutyChannelOptions o, Uri server)
    {
        o.RoutingKey = _canary;
        o.EventsUrl = new Uri(server, "/v2/enqueue");
        Delivery(o);
    }

    private void Email(EmailChannelOptions o, int port)
    {
        o.Host = "127.0.0.1";
        o.Port = port;
        o.From = "monitoring@example.com";
        o.To.Add("oncall@example.com");
        o.UserName = "alerts";
        o.Password = _canary;
        o.ServerCertificateSha256 = TestCertificates.Sha256(_certificate);
        Delivery(o);
    }

    private static void Delivery(ChannelDeliveryOptions o)
    {
        o.AttemptTimeout = AttemptTimeout;
        o.MaxRetries = 1;
        o.MaxRetryDelay = TimeSpan.FromSeconds(5);
    }
}
