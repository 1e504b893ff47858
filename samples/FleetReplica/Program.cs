// One replica of a model-serving service, monitored by ModelMonitoring with PostgreSQL as the store that
// every replica shares (docs: src/ModelMonitoring.PostgreSql/README.md, "Two replicas plus PostgreSQL").
// It records predictions at a steady rate (or, with --Groups true, in groups each flushed as one batch),
// labels the previous replica's predictions (ids are FleetTraffic.Id(replica, sequence)), sends alerts
// to a webhook when --Webhook is set, and prints its GetStatistics() as one JSON line per report interval
// and a last one, "final": true, after the final flush. Logs go to stderr, so stdout is only those lines.
using FleetReplica;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelMonitoring;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Channels;

var configuration = new ConfigurationBuilder().AddEnvironmentVariables("FLEETREPLICA_").AddCommandLine(args).Build();
ReplicaSettings settings;
try
{
    settings = ReplicaSettings.Read(configuration);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync("FleetReplica: invalid settings:" + Environment.NewLine + ex.Message);
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders()
    .AddSimpleConsole(o => o.SingleLine = true)
    .AddFilter("ModelMonitoring", LogLevel.Information)
    .SetMinimumLevel(LogLevel.Warning);
builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
var monitoringBuilder = builder.Services
    .AddModelMonitoring(o =>
    {
        o.ReplicaName = settings.Name;
        o.AggregationWindow = settings.Window;
        o.FlushInterval = settings.CheckInterval;
        o.SinkRetryCount = settings.SinkRetries;
        o.SinkTimeout = settings.SinkTimeout;
        if (settings.Groups)
        {
            o.MaxBatchSize = settings.GroupSize; // a group is usually one batch, or two when a worker cycle drains it while it is recorded
        }

        o.AddModel(settings.Model, m => m.NumericFeatures("amount").Threshold(WindowMetricNames.ErrorRate, t => t.Max = 0.1));
        if (settings.Webhook is not null)
        {
            foreach (var severity in Enum.GetValues<AlertSeverity>())
            {
                o.Alerting.Routes[severity] = [WebhookChannelOptions.DefaultName];
            }
        }
    })
    .UsePostgreSql(o =>
    {
        o.ConnectionString = settings.ConnectionString;
        o.Schema = settings.Schema;
        o.CommandTimeout = settings.CommandTimeout;
    });
if (settings.Webhook is { } webhook)
{
    monitoringBuilder.AddWebhookChannel(w =>
    {
        w.Url = webhook;
        w.Secret = settings.WebhookSecret;
    });
}

using var host = builder.Build();
await host.StartAsync();
var monitoring = host.Services.GetRequiredService<IModelMonitoring>();
var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
using var stop = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
if (settings.Duration is { } duration)
{
    stop.CancelAfter(duration);
}

if (settings.StopOnStdinClose)
{
    _ = Task.Run(async () =>
    {
        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is not null)
        {
        }

        await stop.CancelAsync().ConfigureAwait(false);
    });
}

var traffic = new Traffic(settings, monitoring.GetMonitor(settings.Model), TimeProvider.System);
var report = new StatisticsReport(settings.Name, monitoring, traffic, TimeProvider.System);
var reporting = report.RunAsync(settings.ReportInterval, stop.Token);
if (settings.Groups)
{
    await traffic.RecordGroupsAsync(monitoring, stop.Token);
}
else
{
    await traffic.RecordSteadilyAsync(stop.Token);
}

await reporting;
await host.StopAsync(CancellationToken.None); // the final flush: everything received is stored, buffered or counted as dropped
report.Write(final: true);
return 0;
