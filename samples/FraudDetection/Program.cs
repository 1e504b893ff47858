// A simulated fraud-scoring service monitored by ModelMonitoring: 15,000 predictions over about
// 15 seconds with labels arriving 1 second later. After 6 seconds the world changes and the service
// slows down; the one-second windows show accuracy falling and latency rising, thresholds raise alerts,
// and the continuous drift checks (a 2,000-prediction window against a reference learned from the
// first 3,000 predictions, every second) catch the traffic's covariate shift. Alerts go through the
// alert manager to a console channel (coloured on a terminal, plain when redirected or NO_COLOR is set);
// an on-call engineer acknowledges each one after a second, and at 11 seconds the incident is mitigated,
// so the alerts resolve. The run ends with performance reports, each alert's lifecycle, the drift history
// and a drift report read back from monitoring.db, each explained, and two SQL queries to try on the file.
// Then ConceptDriftDemo.cs shows a concept drift (labels change, inputs do not) caught by the t-test and by DDM.
using FraudDetection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelMonitoring;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

const string DatabasePath = "monitoring.db";
const int Seconds = 15;
const int DegradeAt = 6;
const int MitigateAt = 11;
const int PerSecond = 1_000;
const double DriftShare = 0.4;
var labelDelay = TimeSpan.FromSeconds(1);

// Escape codes only on a terminal: redirected output (a file, a pipe, a test) and NO_COLOR (no-color.org) get plain text.
var colors = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
var alertLines = new SampleAlertChannel(TimeProvider.System, colors);

foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
{
    File.Delete(file);
}

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders()
    .AddSimpleConsole(o =>
    {
        o.SingleLine = true;
        o.ColorBehavior = colors ? Microsoft.Extensions.Logging.Console.LoggerColorBehavior.Default : Microsoft.Extensions.Logging.Console.LoggerColorBehavior.Disabled;
    })
    .SetMinimumLevel(LogLevel.Warning);
builder.Services
    .AddModelMonitoring(o =>
    {
        o.AggregationWindow = TimeSpan.FromSeconds(1);
        o.FlushInterval = TimeSpan.FromMilliseconds(200);
        o.AddModel("fraud", m => m
            .Version("1.4.0")
            .Environment("production")
            .NumericFeatures(FraudModel.NumericFeatures)
            .CategoricalFeatures(FraudModel.CategoricalFeatures)
            .Threshold(WindowMetricNames.Accuracy, t => { t.Min = 0.9; t.Severity = AlertSeverity.Critical; })
            .Threshold(WindowMetricNames.LatencyP95, t => { t.Max = 20; t.MaxChangeFromBaseline = 1.0; })
            .Threshold(WindowMetricNames.ErrorRate, t => t.Max = 0.03)
            .Drift(d =>
            {
                d.ReferenceFromFirst = 3_000;
                d.WindowSize = 2_000;
                d.MinimumRows = 500;
                d.CheckInterval = TimeSpan.FromSeconds(1);
                d.DetectorOptions = new DatasetDriftOptions { DriftShare = DriftShare };
            }));
    })
    .AddAlerting(a =>
    {
        // Every severity to the sample's console channel (SampleAlertChannel); the built-in logger channel would repeat each line.
        foreach (var severity in Enum.GetValues<AlertSeverity>())
        {
            a.Routes[severity] = ["console"];
        }

        // Drift must be seen on two checks in a row (one second apart) before it alerts.
        a.Rules.Add(new AlertRule { Name = "covariate-shift", Metric = "drift.*", For = TimeSpan.FromSeconds(1) });
    })
    .UseSqlite(DatabasePath);
builder.Services.AddSingleton<IAlertChannel>(alertLines);

using var host = builder.Build();
await host.StartAsync();
var monitoring = host.Services.GetRequiredService<IModelMonitoring>();
var alerts = host.Services.GetRequiredService<IAlertManager>();
var reader = host.Services.GetRequiredService<IMonitoringReader>();
var monitor = monitoring.GetMonitor("fraud");
var time = host.Services.GetRequiredService<TimeProvider>();
var model = new FraudModel();
var labels = new Queue<(DateTimeOffset Due, PredictionId Id, string Label)>();
var started = time.GetUtcNow();
alertLines.Started = started;
var recordedPredictions = 0L;
var recordedLabels = 0L;
DateTimeOffset? degradedAt = null;

DateTimeOffset? mitigatedAt = null;

Console.WriteLine($"Recording {Seconds * PerSecond:N0} predictions over {Seconds} s; the model degrades after {DegradeAt} s and recovers after {MitigateAt} s.");
for (var tick = 0; tick < Seconds * 10; tick++)
{
    if (tick == DegradeAt * 10)
    {
        model.Degraded = true;
        degradedAt = time.GetUtcNow();
        Console.WriteLine($"[{degradedAt - started:ss\\.f} s] the world changes: fraud no longer follows the amount, and the service slows down");
    }

    if (tick == MitigateAt * 10)
    {
        model.Degraded = false;
        mitigatedAt = time.GetUtcNow();
        Console.WriteLine($"[{mitigatedAt - started:ss\\.f} s] the incident is mitigated: traffic and latency are back to normal");
    }

    for (var i = 0; i < PerSecond / 10; i++)
    {
        var (numeric, country) = model.NextTransaction();
        var fails = model.Fails();
        var score = FraudModel.Score(numeric);
        var predicted = score >= 0.5 ? "fraud" : "legit";
        recordedPredictions++;
        var id = monitor.RecordPrediction(new Prediction
        {
            NumericFeatures = numeric,
            CategoricalFeatures = [country],
            Latency = model.Latency(),
            Status = fails ? PredictionStatus.Error : PredictionStatus.Success,
            ErrorKind = fails ? "FeatureStoreTimeout" : null,
            PredictedClass = fails ? null : predicted,
            Confidence = fails ? null : Math.Max(score, 1 - score),
        });
        if (!fails)
        {
            labels.Enqueue((time.GetUtcNow() + labelDelay, id, model.IsFraud(numeric) ? "fraud" : "legit"));
        }
    }

    DeliverDueLabels();
    await AcknowledgeFiringAlertsAsync();
    await Task.Delay(TimeSpan.FromMilliseconds(100));
}

await Task.Delay(labelDelay + TimeSpan.FromMilliseconds(300));
DeliverDueLabels();
await ExplainabilityDemo.RunAsync(monitoring, reader);
await host.StopAsync(); // flushes every record and closes the last window

var finished = time.GetUtcNow();
var statistics = monitoring.GetStatistics();
var otherRecords = statistics.Received - recordedPredictions - recordedLabels;
Console.WriteLine();
Console.WriteLine($"Accounting: {statistics}");
Console.WriteLine($"  Received counts every record, and labels are records too: {recordedPredictions:N0} predictions + {recordedLabels:N0} labels"
    + (otherRecords != 0 ? $" + {otherRecords:N0} other records" : string.Empty) + $" = {statistics.Received:N0}; each is stored, still buffered or dropped (counted by reason).");
Console.WriteLine();
Console.WriteLine("Two accuracies below, and why they differ:");
Console.WriteLine("  'labelled accuracy' joins every stored label to its prediction and counts the predictions made in the period,");
Console.WriteLine("    whenever their label arrived;");
Console.WriteLine("  the 'accuracy' window metric is computed per one-second window from the labels that arrived in that window");
Console.WriteLine($"    ({labelDelay.TotalSeconds:0} s after their predictions, so windows near a change still judge the previous phase), and its mean");
Console.WriteLine("    weights every window alike, however many labels it had.");
await PrintReportAsync("Before the change", started, degradedAt!.Value);
await PrintReportAsync("During the incident", degradedAt.Value, mitigatedAt!.Value);
await PrintReportAsync("After mitigation", mitigatedAt.Value, finished);

// Every alert's stored lifecycle: when it fired, who acknowledged it, when it resolved.
Console.WriteLine();
Console.WriteLine("Alert lifecycle (from the alert store):");
foreach (var alert in await alerts.GetAlertHistoryAsync(started, finished.AddMinutes(1), new AlertQuery { Model = "fraud" }))
{
    var acknowledged = alert.AcknowledgedAt is { } ackAt ? $"acknowledged {ackAt - started:ss\\.f} s by {alert.AcknowledgedBy}" : "not acknowledged";
    var resolved = alert.ResolvedAt is { } resolvedAt ? $"resolved {resolvedAt - started:ss\\.f} s" : "still active";
    Console.WriteLine($"  {alert.Name,-24} {alert.Severity,-8} fired {alert.StartedAt - started:ss\\.f} s, {acknowledged}, {resolved}; {alert.NotificationCount} notification(s)");
}

// Covariate shift, as the pipeline saw it: every check of the sliding window against the reference.
Console.WriteLine();
Console.WriteLine("Continuous drift checks (2,000-prediction window against the first 3,000 predictions, every second):");
Console.WriteLine($"  Each feature is tested on its own; a check reports DATASET DRIFT when the share of drifted features is at least");
Console.WriteLine($"  DriftShare = {DriftShare:P0} ({FraudModel.NumericFeatures.Length + FraudModel.CategoricalFeatures.Length} features here, so {Math.Ceiling(DriftShare * (FraudModel.NumericFeatures.Length + FraudModel.CategoricalFeatures.Length)):0} or more). The score and recommendation grade how strong the drift is.");
foreach (var check in await reader.GetDriftHistoryAsync("fraud", started, finished.AddMinutes(1)))
{
    var drifted = string.Join(", ", check.Features.Where(f => f.Drifted).Select(f => $"{f.Feature} ({f.Method} {f.Statistic:F3})"));
    var share = $"{check.Features.Count(f => f.Drifted)}/{check.Features.Count} drifted = {check.DriftedShare:P0}";
    Console.WriteLine($"  [{check.Timestamp - started:ss\\.f} s] {share,-19} {(check.DatasetDrifted ? "DATASET DRIFT" : "no drift     ")}  score {check.Score:F2}  {check.Recommendation,-8} {drifted}");
}

var drift = await reader.GetDriftReportAsync("fraud", started, finished.AddMinutes(1));
Console.WriteLine();
Console.WriteLine($"Drift report: {drift.CheckCount} checks, {drift.DriftedCheckCount} with dataset drift ({drift.DriftRate:P0}); latest score {drift.LatestScore:F2}, recommendation {drift.LatestRecommendation}");
Console.WriteLine($"  last scores, oldest first: {string.Join("  ", drift.RecentScores.Select(s => s.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}");
Console.WriteLine($"  checks in which each feature drifted: {string.Join(", ", drift.FeatureDriftCounts.Select(kv => $"{kv.Key} {kv.Value}"))}");

Console.WriteLine();
Console.WriteLine($"Window metrics and every prediction are in {Path.GetFullPath(DatabasePath)}.");
Console.WriteLine("Try these on it with any SQLite client (sqlite3 monitoring.db, or a Grafana SQLite data source); the views are described in");
Console.WriteLine("src/ModelMonitoring.Sqlite/README.md:");
Console.WriteLine();
Console.WriteLine(SqlExamples.PerSecond);
Console.WriteLine();
Console.WriteLine(SqlExamples.FeaturesPerMinute);
await ReportDemo.WriteAsync(host.Services, started, finished);

await ConceptDriftDemo.RunAsync(colors);
await PerformanceEstimationDemo.RunAsync();

// The on-call engineer acknowledges every alert that has been firing for a second.
async Task AcknowledgeFiringAlertsAsync()
{
    foreach (var alert in await alerts.GetActiveAlertsAsync(new AlertQuery { Model = "fraud" }))
    {
        if (alert.State == AlertState.Firing && time.GetUtcNow() - alert.StartedAt >= TimeSpan.FromSeconds(1))
        {
            await alerts.AcknowledgeAsync(alert.Id, "ana (on call)");
        }
    }
}

void DeliverDueLabels()
{
    var now = time.GetUtcNow();
    while (labels.Count > 0 && labels.Peek().Due <= now)
    {
        var (_, id, label) = labels.Dequeue();
        monitor.RecordGroundTruth(id, label);
        recordedLabels++;
    }
}

async Task PrintReportAsync(string title, DateTimeOffset from, DateTimeOffset to)
{
    var report = await reader.GetPerformanceReportAsync("fraud", from, to);
    var p = report.Predictions;
    Console.WriteLine();
    Console.WriteLine($"{title} ({from - started:ss\\.f} s to {to - started:ss\\.f} s)");
    Console.WriteLine($"  predictions {p.Count,8:N0}   errors {p.ErrorCount:N0} ({p.ErrorRate:P1})   mean confidence {p.MeanConfidence:F3}");
    Console.WriteLine($"  latency     mean {p.Latency?.Mean.TotalMilliseconds:F1} ms   p50 {p.Latency?.P50.TotalMilliseconds:F1} ms   p95 {p.Latency?.P95.TotalMilliseconds:F1} ms   p99 {p.Latency?.P99.TotalMilliseconds:F1} ms");
    Console.WriteLine($"  labelled    {report.LabeledCount,8:N0}   labelled accuracy {report.Accuracy:P1}");
    Console.WriteLine($"  alerts      {string.Join(", ", report.AlertCounts.Select(kv => $"{kv.Key}={kv.Value}"))}");
    foreach (var metric in report.Metrics.Where(m => m.Name is WindowMetricNames.Accuracy or WindowMetricNames.LatencyP95 or WindowMetricNames.Throughput))
    {
        var name = metric.Name == WindowMetricNames.Accuracy ? "accuracy (window)" : metric.Name;
        Console.WriteLine($"  {name,-18} mean {metric.Mean,8:F3}  std {metric.StandardDeviation,7:F3}  min {metric.Min,8:F3}  max {metric.Max,8:F3}  latest {metric.Latest,8:F3}");
    }
}
