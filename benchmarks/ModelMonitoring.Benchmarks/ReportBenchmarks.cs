using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ModelMonitoring.Health;
using ModelMonitoring.Health.Internal;
using ModelMonitoring.Reporting;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// The HTML report of 30 days × 20 features (<c>WriteReport</c>: every read from a real SQLite file and the rendering;
/// per day, 30 buckets, a 20 × 30 heat map and 20 distributions of 500 reference values against the last hour), and
/// the dashboard's trend API over the same store (<c>DashboardTrends</c>: one HTTP request to Kestrel on loopback, hourly buckets, 7 days).
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
    private WebApplication _app = null!;
    private HttpClient _client = null!;

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

        var web = WebApplication.CreateSlimBuilder();
        web.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        web.Logging.ClearProviders();
        web.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start.AddHours(Hours + 2)));
        web.Services.AddModelMonitoring(o => o.AddModel("fraud", m => m.NumericFeatures([.. Enumerable.Range(0, 20).Select(i => $"feature_{i:00}")])))
            .UseSqlite(o =>
            {
                o.Path = Path.Combine(_directory, "history.db");
                o.RawPredictionRetention = null;
            });
        web.Services.AddAntiforgery();
        _app = web.Build();
        _app.MapModelMonitoringDashboard("/monitoring", d => d.AllowAnonymous = true);
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
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
    public async Task<int> DashboardTrends()
    {
        var json = await _client.GetStringAsync("/monitoring/api/models/fraud/trends?resolution=hour");
        return json.Length;
    }
}

/// <summary>The health score of one closed window with 20 features' quality metrics: the worker's cost per window and model.</summary>
[MemoryDiagnoser]
public class HealthScoreBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly HealthScorer _scorer = new("fraud", new HealthOptions { LatencyBaseline = TimeSpan.FromMilliseconds(10), PerformanceBaseline = 0.9 });
    private readonly Dictionary<string, double> _window = Window();

    [Benchmark]
    public double ScoreWindow() =>
        _scorer.Score(_window, Start, Start.AddMinutes(1), new HealthInputs(DriftedFeatures: 2, CheckedFeatures: 20, CriticalAlerts: 0, WarningAlerts: 1)).Score;

    private static Dictionary<string, double> Window()
    {
        var window = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["prediction_count"] = 1000, ["error_rate"] = 0.03, ["latency_p95_ms"] = 18, ["accuracy"] = 0.86,
        };
        for (var i = 0; i < 20; i++)
        {
            window[$"quality.feature_{i:00}.missing_share"] = i * 0.001;
            window[$"quality.feature_{i:00}.out_of_range_share"] = 0;
        }

        return window;
    }
}
