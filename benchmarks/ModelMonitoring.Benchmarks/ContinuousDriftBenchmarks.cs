// Results, machines and every run: docs/benchmarks.md, "Continuous drift check".

using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.DriftMonitoring;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Benchmarks;

/// <summary>
/// One continuous drift check as the worker runs it: a full 5,000-row sliding window of 10 numeric
/// features against a 100,000-row reference profile (built once, before the measurement), including
/// the check record and alert evaluation. The default is the automatic choice (normed Wasserstein for a
/// reference this large); the second case forces Kolmogorov-Smirnov with its p-value.
/// </summary>
[MemoryDiagnoser]
public class ContinuousDriftBenchmarks
{
    private const int Features = 10;
    private const int WindowRows = 5_000;
    private const int ReferenceRows = 100_000;
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    private readonly List<DriftCheckRecord> _records = [];
    private readonly List<Alert> _alerts = [];
    private DriftMonitor _wasserstein = null!;
    private DriftMonitor _kolmogorovSmirnov = null!;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261201);
        var names = Enumerable.Range(0, Features).Select(i => $"f{i}").ToArray();
        var model = new ModelSchema("bench", "1", "bench", names, []);
        var reference = ReferenceProfile.Create(names.ToDictionary(n => n, _ => Normal(random, ReferenceRows)));
        _wasserstein = Monitor(model, reference, new DatasetDriftOptions());
        var ks = new DatasetDriftOptions();
        foreach (var name in names)
        {
            ks.Methods[name] = new FeatureDriftMethod(DriftMethods.KolmogorovSmirnov, 0.05);
        }

        _kolmogorovSmirnov = Monitor(model, reference, ks);
        _now = TimeProvider.System.GetUtcNow();
        var window = Normal(random, WindowRows * Features);
        for (var row = 0; row < WindowRows; row++)
        {
            var prediction = new PredictionRecord { Timestamp = _now, NumericFeatures = window.AsMemory(row * Features, Features) };
            _wasserstein.Observe(prediction);
            _kolmogorovSmirnov.Observe(prediction);
        }
    }

    /// <summary>One check with the automatic method choice (normed Wasserstein on every feature).</summary>
    [Benchmark(Baseline = true)]
    public int CheckWindow5KAgainstReference100K() => Check(_wasserstein);

    /// <summary>One check with Kolmogorov-Smirnov (asymptotic p-value) on every feature.</summary>
    [Benchmark]
    public int CheckWindow5KAgainstReference100KWithKolmogorovSmirnov() => Check(_kolmogorovSmirnov);

    private int Check(DriftMonitor monitor)
    {
        _now += Interval;
        _records.Clear();
        _alerts.Clear();
        monitor.CheckIfDue(_now, _records, _alerts);
        return _records.Count == 1 ? _records[0].Features.Count : throw new InvalidOperationException("The check did not run.");
    }

    private static DriftMonitor Monitor(ModelSchema model, ReferenceProfile reference, DatasetDriftOptions detector) => new(
        model,
        new DriftMonitoringOptions { WindowSize = WindowRows, CheckInterval = Interval, Reference = reference, DetectorOptions = detector },
        [],
        store: null,
        TimeSpan.FromSeconds(10),
        TimeProvider.System,
        NullLogger.Instance);

    private static double[] Normal(Random random, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            values[i] = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }

        return values;
    }
}
