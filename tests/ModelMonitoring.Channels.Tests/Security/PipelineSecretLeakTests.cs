using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Channels.Tests.Infrastructure;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Channels.Tests.Security;

/// <summary>
/// The whole path — threshold, alert manager, SQLite alert store, every channel failing — with one
/// canary in every credential: it must not reach the log, the statistics or the database file.
/// </summary>
public sealed class PipelineSecretLeakTests : IAsyncLifetime
{
    private readonly string _canary = Guid.NewGuid().ToString("N");
    private readonly string _directory = Directory.CreateTempSubdirectory("mm-canary-").FullName;
    private FakeHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeHttpServer.StartAsync(TimeProvider.System);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(500)]
    public async Task FailingChannels_LeakNoSecret_IntoLogsStatisticsOrTheAlertStore(int status)
    {
        _server.DefaultReply = Reply.Status(status, "nope");
        var database = Path.Combine(_directory, "monitoring.db");
        var test = TestPipeline.Create(
            o => o.AddModel("fraud", m => m.NumericFeatures("x").Threshold(WindowMetricNames.ErrorRate, t => { t.Max = 0.1; t.Severity = AlertSeverity.Critical; })),
            b => b.UseSqlite(database)
                .AddWebhookChannel(o => { o.Url = new Uri(_server.BaseAddress, $"/hooks/{_canary}?token={_canary}"); o.Secret = _canary; o.SecondarySecret = _canary + "2"; o.MaxRetries = 0; })
                .AddSlackChannel(o => { o.WebhookUrl = new Uri(_server.BaseAddress, $"/services/T0/B0/{_canary}"); o.MaxRetries = 0; })
                .AddPagerDutyChannel(o => { o.EventsUrl = new Uri(_server.BaseAddress, "/v2/enqueue"); o.RoutingKey = _canary; o.MaxRetries = 0; })
                .AddEmailChannel(o =>
                {
                    o.Host = "127.0.0.1";
                    o.Port = ChannelHost.ClosedPort();
                    o.From = "monitoring@example.com";
                    o.To.Add("oncall@example.com");
                    o.UserName = "monitoring";
                    o.Password = _canary;
                    o.MaxRetries = 0;
                }));
        await using (test)
        {
            test.Pipeline.GetMonitor("fraud").RecordPrediction(new Prediction { NumericFeatures = [1], Status = PredictionStatus.Error });
            test.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
            (await test.Pipeline.FlushAsync()).ShouldBeTrue();

            var statistics = test.Pipeline.GetStatistics();
            foreach (var channel in new[] { "webhook", "slack", "pagerduty", "email" })
            {
                statistics.Channels.Single(c => c.Channel == channel).Failed.ShouldBe(1, channel);
            }

            _server.Requests.Count.ShouldBe(3); // the secrets did go over the wire, where they belong
            var alert = (await test.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldHaveSingleItem();
            alert.NotifiedChannels.ShouldContain("pagerduty");
            alert.ToString().ShouldNotContain(_canary);
            statistics.ToString().ShouldNotContain(_canary);
            test.Logs.Lines.Count(l => l.Contains("failed to deliver alert", StringComparison.Ordinal)).ShouldBe(4);
            test.Logs.Lines.ShouldAllBe(line => !line.Contains(_canary, StringComparison.Ordinal));
        }

        foreach (var file in Directory.GetFiles(_directory))
        {
            (await File.ReadAllBytesAsync(file)).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(_canary)).ShouldBe(-1, file);
        }
    }
}
