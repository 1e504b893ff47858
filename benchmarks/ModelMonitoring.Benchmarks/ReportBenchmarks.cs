using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelMonitoring.Health;
using ModelMonitoring.Health.Internal;
using ModelMonitoring.Reporting;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// The HTML report of 30 days × 20 features (<c>WriteReport</c>: every read from a real SQLite file and the rendering;
/// per day, 30 buckets, a 20 × 30 heat map and 20 distributions of 500 reference values against the last hour), and
/// the health score of one closed window (<c>ScoreWindow</c>, the worker's cost per window and model).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class ReportBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const int Hours = 30 * 24;
    private string _directory = null!;
    private ServiceProvider _services = null!;
    private MonitoringReportOptions _options = null!;
    private HealthScorer _scorer = null!;
    private Dictionary<string, double> _window = null!;

    /// <summary>Gets the size of the last report written, in bytes (printed at the end of the run).</summary>
    public static long ReportBytes { get; private set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("modelmonitoring-report-bench-").FullName;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start.AddHours(Hours + 48)));
        services.AddModelMonitoring().UseSqlite(o =>
        {
            o.Path = Path.Combine(_directory, "history.db");
            o.RawPredictionRetention = null;
        });
        _services = services.BuildServiceProvider();
        await MonitoringHistory.WriteAsync(_services, "fraud", [.. Enumerable.Range(0, 20).Select(i => $"feature_{i:00}")], Start, Hours, predictionsPerHour: 60);
        _options = new MonitoringReportOptions { Model = "fraud", From = Start, To = Start.AddHours(Hours) };

        _scorer = new HealthScorer("fraud", new HealthOptions { LatencyBaseline = TimeSpan.FromMilliseconds(10), PerformanceBaseline = 0.9 });
        _window = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["prediction_count"] = 1000, ["error_rate"] = 0.03, ["latency_p95_ms"] = 18, ["accuracy"] = 0.86,
        };
        for (var i = 0; i < 20; i++)
        {
            _window[$"quality.feature_{i:00}.missing_share"] = i * 0.001;
            _window[$"quality.feature_{i:00}.out_of_range_share"] = 0;
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public async Task<long> WriteReport()
    {
        using var output = new MemoryStream();
        await MonitoringReport.WriteHtmlAsync(_services, _options, output);
        ReportBytes = output.Length;
        return output.Length;
    }

    [Benchmark]
    public double ScoreWindow() =>
        _scorer.Score(_window, Start, Start.AddMinutes(1), new HealthInputs(DriftedFeatures: 2, CheckedFeatures: 20, CriticalAlerts: 0, WarningAlerts: 1)).Score;
}
