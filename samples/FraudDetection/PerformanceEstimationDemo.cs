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
/// arrive, the realized accuracy of each window is shown beside its estimate. Beside it, a three-class triage model
/// (approve, review, block) records each prediction's class probabilities, so that its macro ROC AUC is estimated too,
/// and realized from the stored probabilities once its labels arrive.
/// Its own host and file (estimation.db).
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
        var triageReference = TriageReference(world, new Random(11));
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

                // A multiclass model with class probabilities: its classes, in the order of the probabilities, are the reference's.
                o.AddModel("triage", m => m
                    .NumericFeatures(FraudModel.NumericFeatures)
                    .Classes(Triage.Classes)
                    .EstimatePerformance(e =>
                    {
                        e.Reference = triageReference;
                        e.Metrics = EstimatedMetric.Accuracy | EstimatedMetric.F1 | EstimatedMetric.RocAuc;
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
        var triage = new Triage(monitoring.GetMonitor("triage"), new Random(12));
        Record(monitor, triage, world, shift, first, shifted: false, labels);
        Record(monitor, triage, world, shift, first.AddMinutes(1), shifted: true, labels);
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

        Console.WriteLine($"  The triage model (approve, review, block) records class probabilities; calibrated on {triageReference.Count:N0} labelled predictions:");
        var auc = (await reader.GetRecentMetricsAsync("triage", EstimatedMetricNames.RocAuc)).ToDictionary(m => m.WindowStart!.Value, m => m.Value);
        foreach (var estimate in (await reader.GetRecentMetricsAsync("triage", EstimatedMetricNames.Accuracy)).OrderBy(m => m.WindowStart))
        {
            Console.WriteLine($"  window {estimate.WindowStart:HH:mm}  estimated accuracy {estimate.Value:P1}   estimated macro ROC AUC {auc[estimate.WindowStart!.Value]:F3}");
        }

        foreach (var alert in await host.Services.GetRequiredService<IAlertManager>().GetActiveAlertsAsync(new AlertQuery { Model = "triage" }))
        {
            Console.WriteLine($"  alert {alert.Name}: {alert.Message}");
        }

        foreach (var (id, label) in labels)
        {
            monitor.RecordGroundTruth(id, label);
        }

        triage.RecordLabels();
        var realized = await RealizedAsync(monitoring, reader, "fraud", first, estimates.Count);
        Console.WriteLine("  The labels arrive; realized accuracy per window, from the store:");
        foreach (var estimate in estimates)
        {
            var window = realized.FirstOrDefault(r => r.WindowStart == estimate.WindowStart);
            var accuracy = window?.Metrics.GetValueOrDefault(RealizedMetricNames.Accuracy);
            Console.WriteLine($"  window {estimate.WindowStart:HH:mm}  estimated accuracy {estimate.Value:P1}   realized accuracy {(accuracy is { } a ? a.ToString("P1", System.Globalization.CultureInfo.CurrentCulture) : "not computed")} from {window?.LabelCount ?? 0:N0} labels");
        }

        // The triage model's realized ROC AUC and log loss come from the stored class probabilities.
        var triageRealized = await RealizedAsync(monitoring, reader, "triage", first, estimates.Count);
        foreach (var window in triageRealized.OrderBy(r => r.WindowStart))
        {
            Console.WriteLine($"  triage window {window.WindowStart:HH:mm}  realized accuracy {window.Metrics[RealizedMetricNames.Accuracy]:P1}   realized macro ROC AUC {window.Metrics.GetValueOrDefault(RealizedMetricNames.RocAuc):F3}   log loss {window.Metrics.GetValueOrDefault(RealizedMetricNames.LogLoss):F3} from {window.LabelCount:N0} labels");
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

    private static CbpeReference TriageReference(FraudModel world, Random random)
    {
        var predicted = new List<string>();
        var probabilities = new List<IReadOnlyList<double>>();
        var actual = new List<string>();
        for (var i = 0; i < 5_000; i++)
        {
            var (numeric, _) = world.NextTransaction();
            var (model, truth) = Triage.Probabilities(numeric);
            predicted.Add(Triage.Classes[Triage.ArgMax(model)]);
            probabilities.Add(model);
            actual.Add(Triage.Classes[Triage.Draw(truth, random)]);
        }

        return CbpeReference.Create(Triage.Classes, predicted, probabilities, actual);
    }

    private static void Record(IModelMonitor monitor, Triage triage, FraudModel world, Random shift, DateTimeOffset start, bool shifted, List<(PredictionId, string)> labels)
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
            triage.Record(numeric, start.AddMilliseconds(i * (60_000.0 / PerWindow)));
        }
    }

    /// <summary>Realized performance is computed on the worker at its interval (1 s here) once the labels are stored.</summary>
    private static async Task<IReadOnlyList<RealizedPerformance>> RealizedAsync(IModelMonitoring monitoring, IMonitoringReader reader, string model, DateTimeOffset from, int windows)
    {
        IReadOnlyList<RealizedPerformance> realized = [];
        for (var attempt = 0; attempt < 30 && realized.Count < windows; attempt++)
        {
            await monitoring.FlushAsync();
            realized = await reader.GetRealizedPerformanceAsync(model, from, from.AddMinutes(windows), segment: string.Empty);
            if (realized.Count < windows)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }

        return realized;
    }

    /// <summary>
    /// A triage model over the fraud score: approve when it is low, block when it is high, review between. Its probabilities
    /// are over-confident (the true class follows the same logits at a third less), so that CBPE has something to calibrate.
    /// Keeps each prediction's simulated true class until the labels "arrive".
    /// </summary>
    private sealed class Triage(IModelMonitor monitor, Random random)
    {
        public static readonly string[] Classes = ["approve", "review", "block"];
        private readonly List<(PredictionId Id, int Actual)> _labels = [];

        public static (double[] Model, double[] Truth) Probabilities(ReadOnlySpan<double> features)
        {
            var score = FraudModel.Score(features);
            double[] logits = [6 * (0.3 - score), 0, 6 * (score - 0.7)];
            return (Softmax(logits, 1.5), Softmax(logits, 1));
        }

        public static int ArgMax(ReadOnlySpan<double> values)
        {
            var best = 0;
            for (var c = 1; c < values.Length; c++)
            {
                best = values[c] > values[best] ? c : best;
            }

            return best;
        }

        public static int Draw(ReadOnlySpan<double> probabilities, Random random)
        {
            var u = random.NextDouble();
            for (var c = 0; c < probabilities.Length - 1; c++)
            {
                u -= probabilities[c];
                if (u < 0)
                {
                    return c;
                }
            }

            return probabilities.Length - 1;
        }

        public void Record(double[] features, DateTimeOffset at)
        {
            var (model, truth) = Probabilities(features);
            var predicted = ArgMax(model);
            var id = monitor.RecordPrediction(new Prediction
            {
                NumericFeatures = features,
                PredictedClass = Classes[predicted],
                Confidence = model[predicted],
                ClassProbabilities = model,
                Timestamp = at,
            });
            _labels.Add((id, Draw(truth, random)));
        }

        public void RecordLabels()
        {
            foreach (var (id, actual) in _labels)
            {
                monitor.RecordGroundTruth(id, Classes[actual]);
            }
        }

        private static double[] Softmax(double[] logits, double temperature)
        {
            var max = logits.Max();
            var e = logits.Select(z => Math.Exp(temperature * (z - max))).ToArray();
            var total = e.Sum();
            return [.. e.Select(v => v / total)];
        }
    }
}
