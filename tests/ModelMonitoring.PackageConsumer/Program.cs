using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelMonitoring;
using ModelMonitoring.Alerting;
using ModelMonitoring.Recording;

// Everything is declared in appsettings.json (section ModelMonitoring); the only code is the stdout channel,
// so that the test driving this app sees alerts. Runs until stdin closes (or two minutes at most), records a
// prediction every few milliseconds, and prints each alert and each configuration change the pipeline takes.
var builder = Host.CreateApplicationBuilder(args);
var section = builder.Configuration.GetSection("ModelMonitoring");
builder.Services.AddModelMonitoring(section)
    .UseSqlite(section.GetSection("Storage:Sqlite"))
    .AddAlertChannel(new StdoutAlertChannel());

using var host = builder.Build();
await host.StartAsync();
var monitoring = host.Services.GetRequiredService<IModelMonitoring>();
Console.WriteLine($"started: {string.Join(", ", monitoring.Models.Select(m => $"{m.Name} ({string.Join(", ", m.NumericFeatures.Concat(m.CategoricalFeatures))})"))}");

using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
_ = Task.Run(async () =>
{
    while (await Console.In.ReadLineAsync() is not null)
    {
    }

    await stop.CancelAsync();
});

var fraud = monitoring.GetMonitor("fraud");
var random = new Random(7);
var countries = new[] { "DE", "FR", "US" };
long recorded = 0;
while (!stop.IsCancellationRequested)
{
    fraud.RecordPrediction(new Prediction
    {
        NumericFeatures = [random.NextDouble() * 100, 20 + (random.NextDouble() * 50)],
        CategoricalFeatures = [countries[random.Next(countries.Length)]],
        Latency = TimeSpan.FromMilliseconds(5 + random.NextDouble()),
        PredictedClass = "legit",
        Confidence = 0.9,
    });
    if (++recorded % 500 == 0)
    {
        Console.WriteLine($"recorded: {recorded}");
    }

    try
    {
        await Task.Delay(2, stop.Token);
    }
    catch (OperationCanceledException)
    {
    }
}

await host.StopAsync();
var statistics = monitoring.GetStatistics();
Console.WriteLine($"stopped: received {statistics.Received}, stored {statistics.Stored}, dropped {statistics.Dropped}, reloads refused {statistics.ConfigurationReloadsRejected}");

internal sealed class StdoutAlertChannel : IAlertChannel
{
    public string Name => "stdout";

    public ValueTask SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        Console.WriteLine($"alert: {alert.State} {alert.Name} threshold={alert.Threshold} {alert.Message}");
        return ValueTask.CompletedTask;
    }
}
