using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelMonitoring.Alerting;
using ModelMonitoring.Channels.Tests.Infrastructure;

namespace ModelMonitoring.Channels.Tests.Extensibility;

/// <summary>A channel written outside the package reuses the delivery machinery through <see cref="HttpAlertChannel"/>.</summary>
public sealed class HttpAlertChannelTests : IAsyncLifetime
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private readonly ObservedClock _clock = new();
    private FakeHttpServer _server = null!;
    private ChannelHost _host = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeHttpServer.StartAsync(_clock);
        _host = ChannelHost.Create(
            builder => builder.Services.AddSingleton<IAlertChannel>(sp => new ChatChannel(
                new ChatChannelOptions { Url = _server.Url("/chat/post"), AttemptTimeout = AttemptTimeout, MinimumSeverity = AlertSeverity.Warning },
                new HttpClient { Timeout = Timeout.InfiniteTimeSpan },
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("Chat"))),
            _clock);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfterThen200_WaitsTheReceiversDelay_ThenDelivers()
    {
        _server.Enqueue(Reply.TooManyRequests(7));
        var channel = _host.Channel("chat");
        var send = channel.SendAsync(TestAlerts.Firing(), CancellationToken.None).AsTask();

        var delay = await _clock.NextTimerAsync(due => due != AttemptTimeout).Within();
        delay.ShouldBe(TimeSpan.FromSeconds(7));
        _clock.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromTicks(1));
        send.IsCompleted.ShouldBeFalse();
        _server.Requests.Count.ShouldBe(1);
        _clock.Advance(TimeSpan.FromTicks(1));

        await send.Within();
        _server.Requests.Count.ShouldBe(2);
        (_server.Requests[1].ReceivedAt - _server.Requests[0].ReceivedAt).ShouldBe(TimeSpan.FromSeconds(7));
        _server.Requests[1].Json().GetProperty("text").GetString().ShouldBe("Error rate 0.12 is above 0.05");
        _host.Logs.Lines.ShouldContain(line => line.Contains("[2001]", StringComparison.Ordinal) && line.Contains("HTTP 429", StringComparison.Ordinal));
        channel.MinimumSeverity.ShouldBe(AlertSeverity.Warning);
    }

    [Fact]
    public async Task SendAsync_400_FailsPermanently_WithoutRetry_AndWithoutTheUrl()
    {
        _server.Enqueue(Reply.Status(400, "bad"));

        var error = await Should.ThrowAsync<AlertDeliveryException>(_host.Channel("chat").SendAsync(TestAlerts.Firing(), CancellationToken.None).AsTask());

        error.IsPermanent.ShouldBeTrue();
        error.Channel.ShouldBe("chat");
        error.Message.ShouldContain("HTTP 400");
        error.Message.ShouldNotContain("/chat/post");
        _server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public void Constructor_DeliverySettingOutOfRange_FailsNamingIt()
    {
        var options = new ChatChannelOptions { Url = new Uri("http://127.0.0.1/"), MaxRetries = 99 };

        var error = Should.Throw<OptionsValidationException>(() => new ChatChannel(options, new HttpClient(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));

        error.Message.ShouldContain("ChatChannelOptions['chat'].MaxRetries: 99 is not allowed; use a value from 0 to 10.");
    }

    /// <summary>What a third party writes: its options and one method.</summary>
    private sealed class ChatChannelOptions : ChannelDeliveryOptions
    {
        public Uri? Url { get; set; }
    }

    private sealed class ChatChannel(ChatChannelOptions options, HttpClient client, TimeProvider time, ILogger logger)
        : HttpAlertChannel("chat", options, client, time, logger)
    {
        protected override HttpRequestMessage CreateRequest(Alert alert) =>
            new(HttpMethod.Post, options.Url) { Content = JsonContent.Create(new { text = alert.Message }) };
    }
}
