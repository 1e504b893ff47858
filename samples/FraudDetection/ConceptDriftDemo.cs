using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelMonitoring;
using ModelMonitoring.Alerting;
using ModelMonitoring.ConceptDrift;
using ModelMonitoring.Drift.Streaming;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace FraudDetection;

/// <summary>
/// A concept drift: the transactions (the model's inputs) stay exactly as they were, but after 3 seconds fraudsters move
/// to young accounts, so the true labels change and the same predictions are now wrong more often. No data drift test can
/// see it; two label-based checks do: the concept drift check (Welch's t-test of the realized accuracy per 250 ms window,
/// the first 2 seconds against the last 2, every second) and a DDM streaming detector on the per-label error stream.
/// Runs for about 8 seconds on the real clock with its own pipeline and file, concept-drift.db.
/// </summary>
internal static class ConceptDriftDemo
{
    private const string DatabasePath = "concept-drift.db";
    private const int Seconds = 7;
    private const int ChangeAt = 3;
    private const int PerTick = 100;

    public static async Task RunAsync(bool colors)
    {
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            File.Delete(file);
        }

        var alertLines = new SampleAlertChannel(TimeProvider.System, colors);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services
            .AddModelMonitoring(o =>
            {
                o.AggregationWindow = TimeSpan.FromMilliseconds(250);
                o.FlushInterval = TimeSpan.FromMilliseconds(100);
                o.RealizedPerformance.Interval = TimeSpan.FromSeconds(1);
                o.RealizedPerformance.LabelDelay = TimeSpan.FromSeconds(1);
                o.RealizedPerformance.LookBack = TimeSpan.FromMinutes(1);
                o.AddModel("fraud", m => m
                    .Version("1.4.0")
                    .NumericFeatures(FraudModel.NumericFeatures)
                    .CategoricalFeatures(FraudModel.CategoricalFeatures)
                    .ConceptDrift(c =>
                    {
                        c.Reference = ConceptDriftReference.First;
                        c.ReferenceWindows = 8;
                        c.CurrentWindows = 8;
                        c.Interval = TimeSpan.FromSeconds(1);
                    })
                    .StreamingDetector("ddm", d =>
                    {
                        d.Kind = StreamingDetectorKind.Ddm;
                        d.ResolveAfterLabels = 5_000;
                    }));
            })
            .AddAlerting(a =>
            {
                foreach (var severity in Enum.GetValues<AlertSeverity>())
                {
                    a.Routes[severity] = ["console"];
                }
            })
            .UseSqlite(DatabasePath);
        builder.Services.AddSingleton<IAlertChannel>(alertLines);

        using var host = builder.Build();
        await host.StartAsync();
        var monitor = host.Services.GetRequiredService<IModelMonitoring>().GetMonitor("fraud");
        var time = host.Services.GetRequiredService<TimeProvider>();
        var world = new FraudModel();
        var labels = new Random(7);
        var started = time.GetUtcNow();
        alertLines.Started = started;

        Console.WriteLine();
        Console.WriteLine($"Concept drift: {Seconds * PerTick * 10:N0} more predictions over {Seconds} s, each labelled at once. The inputs never change;");
        Console.WriteLine($"after {ChangeAt} s fraudsters move to young accounts, so the labels do (concept-drift.db).");
        for (var tick = 0; tick < Seconds * 10; tick++)
        {
            if (tick == ChangeAt * 10)
            {
                Console.WriteLine($"[{time.GetUtcNow() - started:ss\\.f} s] the concept changes: accounts younger than 400 days are now mostly fraud; the transactions do not change");
            }

            for (var i = 0; i < PerTick; i++)
            {
                var (numeric, country) = world.NextTransaction();
                var score = FraudModel.Score(numeric);
                var id = monitor.RecordPrediction(new Prediction
                {
                    NumericFeatures = numeric,
                    CategoricalFeatures = [country],
                    Latency = TimeSpan.FromMilliseconds(4),
                    PredictedClass = score >= 0.5 ? "fraud" : "legit",
                    Confidence = Math.Max(score, 1 - score),
                });
                var fraud = world.IsFraud(numeric) || (tick >= ChangeAt * 10 && numeric[2] < 400 && labels.NextDouble() < 0.8);
                monitor.RecordGroundTruth(id, fraud ? "fraud" : "legit");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        // Realized performance is recomputed once a second: one more check sees the last windows complete.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await host.StopAsync();

        var finished = time.GetUtcNow();
        var checks = await host.Services.GetRequiredService<IConceptDriftStore>().GetConceptDriftAsync("fraud", started, finished.AddMinutes(1));
        Console.WriteLine();
        Console.WriteLine("Concept drift checks (from concept-drift.db): the realized accuracy of the 8 windows before each check against the first");
        Console.WriteLine("8 windows, Welch's t-test one-sided toward a degradation; drift when p < 0.05 and the accuracy fell at least 5 %,");
        Console.WriteLine("critical from 20 % with p < 0.01. The newest windows count the labels stored by the last realized performance update");
        Console.WriteLine("(once a second here), so a check may see fewer windows than the period holds:");
        foreach (var check in checks)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  [{check.CheckedAt - started:ss\\.f} s] {check.Metric} {check.CurrentMean:P1} over {check.CurrentCount} windows vs {check.ReferenceMean:P1} over {check.ReferenceCount}: degradation {check.DegradationPercent,6:F1} %, t = {check.TStatistic,6:F2}, df = {check.DegreesOfFreedom,5:F1}, p = {check.PValue:G3}, {(check.Drifted ? $"DRIFT ({check.Severity})" : "no drift")}"));
        }

        Console.WriteLine();
        Console.WriteLine("Concept drift alerts (from the alert store): the t-test's and the DDM detector's on the per-label errors:");
        var alerts = host.Services.GetRequiredService<IAlertManager>();
        foreach (var alert in await alerts.GetAlertHistoryAsync(started, finished.AddMinutes(1), new AlertQuery { Model = "fraud" }))
        {
            Console.WriteLine($"  {alert.Name,-38} {alert.Severity,-8} fired {alert.StartedAt - started:ss\\.f} s, {alert.State}");
        }
    }
}
