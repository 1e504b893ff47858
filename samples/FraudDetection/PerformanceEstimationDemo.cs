using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelMonitoring;
using ModelMonitoring.Alerting;
using ModelMonitoring.Estimation;
using ModelMonitoring.Performance;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace FraudDetection;

/// <summary>
/// Performance estimation without labels (CBPE): the fraud model's confidences are calibrated on 5,000 labelled
/// predictions, then two one-minute windows are recorded: ordinary traffic, and traffic whose customers make more
/// transactions per hour, which puts them near the model's decision boundary (a covariate shift; the relation between
/// features and fraud is unchanged). The estimate falls, and its alert fires, while no label has arrived; once the labels
/// arrive, the realized accuracy of each window is shown beside its estimate. Its own host and file (estimation.db).
/// </summary>
internal static class PerformanceEstimationDemo
{
    private const string DatabasePath = "estimation.db";
    private const int PerWindow = 2_000;

    public static async Task RunAsync()
    {
        var world = new FraudModel();
        var shift = new Random(7);
        var reference = Reference(world);
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            File.Delete(file);
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services
            .AddModelMonitoring(o =>
            {
                o.RealizedPerformance.Interval = TimeSpan.FromSeconds(1);
                o.AddModel("fraud", m => m
                    .NumericFeatures(FraudModel.NumericFeatures)
                    .EstimatePerformance(e =>
                    {
                        e.Reference = reference;
                        e.Metrics = EstimatedMetric.Accuracy | EstimatedMetric.RocAuc;
                    }));
            })
            .UseSqlite(DatabasePath);
        using var host = builder.Build();
        await host.StartAsync();
        var monitoring = host.Services.GetRequiredService<IModelMonitoring>();
        var reader = host.Services.GetRequiredService<IMonitoringReader>();
        var monitor = monitoring.GetMonitor("fraud");
        var time = host.Services.GetRequiredService<TimeProvider>();

        // Two whole minutes that have already ended, so both windows close at the next cycle.
        var now = time.GetUtcNow();
        var first = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(-3);
        var labels = new List<(PredictionId Id, string Label)>();
        Record(monitor, world, shift, first, shifted: false, labels);
        Record(monitor, world, shift, first.AddMinutes(1), shifted: true, labels);
        await monitoring.FlushAsync();

        Console.WriteLine();
        Console.WriteLine($"Performance estimation without labels (CBPE), calibrated on {reference.Count:N0} labelled predictions:");
        Console.WriteLine($"  two one-minute windows of {PerWindow:N0} predictions; in the second, customers make about 4 more transactions an hour");
        Console.WriteLine("  (the inputs move towards the decision boundary; fraud still follows the same features). No label has arrived yet:");
        var estimates = (await reader.GetRecentMetricsAsync("fraud", EstimatedMetricNames.Accuracy)).OrderBy(m => m.WindowStart).ToList();
        var lower = (await reader.GetRecentMetricsAsync("fraud", EstimatedMetricNames.Lower(EstimatedMetricNames.Accuracy))).ToDictionary(m => m.WindowStart!.Value, m => m.Value);
        var upper = (await reader.GetRecentMetricsAsync("fraud", EstimatedMetricNames.Upper(EstimatedMetricNames.Accuracy))).ToDictionary(m => m.WindowStart!.Value, m => m.Value);
        foreach (var estimate in estimates)
        {
            var start = estimate.WindowStart!.Value;
            Console.WriteLine($"  window {start:HH:mm}  estimated accuracy {estimate.Value:P1} (band {lower[start]:P1} to {upper[start]:P1})   realized accuracy: not known yet");
        }

        foreach (var alert in await host.Services.GetRequiredService<IAlertManager>().GetActiveAlertsAsync(new AlertQuery { Model = "fraud" }))
        {
            Console.WriteLine($"  alert {alert.Name}: {alert.Message}");
        }

        foreach (var (id, label) in labels)
        {
            monitor.RecordGroundTruth(id, label);
        }

        var realized = await RealizedAsync(monitoring, reader, first, estimates.Count);
        Console.WriteLine("  The labels arrive; realized accuracy per window, from the store:");
        foreach (var estimate in estimates)
        {
            var window = realized.FirstOrDefault(r => r.WindowStart == estimate.WindowStart);
            var accuracy = window?.Metrics.GetValueOrDefault(RealizedMetricNames.Accuracy);
            Console.WriteLine($"  window {estimate.WindowStart:HH:mm}  estimated accuracy {estimate.Value:P1}   realized accuracy {(accuracy is { } a ? a.ToString("P1", System.Globalization.CultureInfo.CurrentCulture) : "not computed")} from {window?.LabelCount ?? 0:N0} labels");
        }

        await host.StopAsync();
    }

    private static CbpeReference Reference(FraudModel world)
    {
        var predicted = new List<string>();
        var confidences = new List<double>();
        var actual = new List<string>();
        for (var i = 0; i < 5_000; i++)
        {
            var (numeric, _) = world.NextTransaction();
            var score = FraudModel.Score(numeric);
            predicted.Add(score >= 0.5 ? "fraud" : "legit");
            confidences.Add(Math.Max(score, 1 - score));
            actual.Add(world.IsFraud(numeric) ? "fraud" : "legit");
        }

        return CbpeReference.Create(predicted, confidences, actual);
    }

    private static void Record(IModelMonitor monitor, FraudModel world, Random shift, DateTimeOffset start, bool shifted, List<(PredictionId, string)> labels)
    {
        for (var i = 0; i < PerWindow; i++)
        {
            var (numeric, _) = world.NextTransaction();
            if (shifted)
            {
                numeric[3] += 3 + shift.Next(3);
            }

            var score = FraudModel.Score(numeric);
            var id = monitor.RecordPrediction(new Prediction
            {
                NumericFeatures = numeric,
                PredictedClass = score >= 0.5 ? "fraud" : "legit",
                Confidence = Math.Max(score, 1 - score),
                Timestamp = start.AddMilliseconds(i * (60_000.0 / PerWindow)),
            });
            labels.Add((id, world.IsFraud(numeric) ? "fraud" : "legit"));
        }
    }

    /// <summary>Realized performance is computed on the worker at its interval (1 s here) once the labels are stored.</summary>
    private static async Task<IReadOnlyList<RealizedPerformance>> RealizedAsync(IModelMonitoring monitoring, IMonitoringReader reader, DateTimeOffset from, int windows)
    {
        IReadOnlyList<RealizedPerformance> realized = [];
        for (var attempt = 0; attempt < 30 && realized.Count < windows; attempt++)
        {
            await monitoring.FlushAsync();
            realized = await reader.GetRealizedPerformanceAsync("fraud", from, from.AddMinutes(windows), segment: string.Empty);
            if (realized.Count < windows)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }

        return realized;
    }
}
