using ModelMonitoring;

namespace WebInference;

/// <summary>
/// Sends synthetic transactions through the same path as <c>POST /predict</c> (Traffic:PerSecond a second) and labels a
/// tenth of them, so the dashboard has something to show; after Traffic:DriftAfter the amounts grow (a covariate shift).
/// </summary>
internal sealed class TrafficGenerator(IModelMonitoring monitoring, IConfiguration configuration, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var monitor = monitoring.GetMonitor("fraud");
        var perSecond = Math.Clamp(configuration.GetValue("Traffic:PerSecond", 20), 1, 1000);
        var driftAfter = configuration.GetValue("Traffic:DriftAfter", TimeSpan.FromMinutes(1));
        var random = new Random(42);
        var started = clock.GetUtcNow();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / perSecond), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var drifted = clock.GetUtcNow() - started > driftAfter;
            var amount = Math.Exp(4 + random.NextDouble() * (drifted ? 3 : 2));
            var transaction = new Transaction(amount, 18 + random.Next(60), random.Next(drifted ? 8 : 4));
            var (id, probability, _) = Predictions.Record(monitor, transaction);
            if (random.NextDouble() < 0.1)
            {
                // A tenth of the transactions get their true outcome, drawn from the model's own probability.
                monitor.RecordGroundTruth(id, random.NextDouble() < probability ? "fraud" : "ok");
            }
        }
    }
}
