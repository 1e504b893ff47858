using ModelMonitoring.Alerting;
using ModelMonitoring.ConceptDrift;
using ModelMonitoring.Performance;
using ModelMonitoring.Storage;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.ConceptDrift;

/// <summary>The stage's scheduling, periods and failure handling against an in-memory store (the SQL is covered by the contract suite and the SQLite tests).</summary>
public class ConceptDriftStageTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ModelSchema Model = new("fraud", "1", "prod", ["x"], []);
    private readonly FakeTimeProvider _clock = new(Noon.AddSeconds(30));
    private readonly InMemoryStore _store = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly List<Alert> _observations = [];

    private ConceptDriftStage Create(Action<ConceptDriftOptions>? configure = null)
    {
        var options = new ConceptDriftOptions { ReferenceWindows = 4, CurrentWindows = 3, Interval = TimeSpan.FromMinutes(5) };
        configure?.Invoke(options);
        return new ConceptDriftStage([(Model, options)], _store, _store, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10), _clock, _logs.CreateLogger("test"));
    }

    [Fact]
    public async Task AFollower_NeverReadsOrWritesTheStore()
    {
        _store.Add(-7, 7, RealizedMetricNames.Accuracy, 0.9);
        var stage = Create();

        await stage.RunAsync(leading: false, _observations, CancellationToken.None);

        _store.Reads.ShouldBeEmpty();
        _store.Checks.ShouldBeEmpty();
        _observations.ShouldBeEmpty();
    }

    [Fact]
    public async Task TheLeader_ReadsTheTrailingReferenceAndTheClosedCurrentWindows_AtMostOncePerInterval()
    {
        _store.Add(-7, 7, RealizedMetricNames.Accuracy, 0.9);
        _store.Add(0, 1, RealizedMetricNames.Accuracy, 0.1); // the window in progress: never part of a check
        var stage = Create();

        await stage.RunAsync(leading: true, _observations, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(4));
        await stage.RunAsync(leading: true, _observations, CancellationToken.None);

        _store.Reads.ShouldBe([$"{Noon.AddMinutes(-3):t}-{Noon:t}", $"{Noon.AddMinutes(-7):t}-{Noon.AddMinutes(-3):t}"]);
        var check = _store.Checks.ShouldHaveSingleItem();
        (check.CurrentFrom, check.CurrentTo, check.CurrentCount, check.ReferenceCount).ShouldBe((Noon.AddMinutes(-3), Noon, 3, 4));
        check.Drifted.ShouldBeFalse();
    }

    [Fact]
    public async Task AFixedReference_IsReadAsConfigured()
    {
        _store.Add(-60, 10, RealizedMetricNames.Accuracy, 0.95);
        _store.Add(-3, 3, RealizedMetricNames.Accuracy, 0.6);
        var stage = Create(o => { o.Reference = ConceptDriftReference.Fixed; o.ReferenceFrom = Noon.AddMinutes(-60); o.ReferenceTo = Noon.AddMinutes(-50); });

        await stage.RunAsync(leading: true, _observations, CancellationToken.None);

        var check = _store.Checks.ShouldHaveSingleItem();
        (check.ReferenceFrom, check.ReferenceTo, check.ReferenceCount, check.Drifted).ShouldBe((Noon.AddMinutes(-60), Noon.AddMinutes(-50), 10, true));
        var alert = _observations.ShouldHaveSingleItem();
        (alert.Name, alert.State, alert.Severity).ShouldBe(("concept.performance.realized.accuracy", AlertState.Firing, AlertSeverity.Critical));
    }

    [Fact]
    public async Task WithoutAMetric_ARegressionModelIsCheckedOnItsMae_WhichIsWorseHigher()
    {
        _store.Add(-7, 4, RealizedMetricNames.MeanAbsoluteError, 1.0);
        _store.Add(-3, 3, RealizedMetricNames.MeanAbsoluteError, 2.0);
        var stage = Create();

        await stage.RunAsync(leading: true, _observations, CancellationToken.None);

        var check = _store.Checks.ShouldHaveSingleItem();
        (check.Metric, check.Drifted).ShouldBe((RealizedMetricNames.MeanAbsoluteError, true));
        check.DegradationPercent.ShouldBe((check.CurrentMean - check.ReferenceMean) / check.ReferenceMean * 100, 1e-9);
        check.DegradationPercent.ShouldBeGreaterThan(90);
        _observations.ShouldHaveSingleItem().Name.ShouldBe("concept.performance.realized.mae");
    }

    [Fact]
    public async Task ACheckWithoutDrift_ReportsTheAlertResolved_SoOneRestoredFromTheStoreResolves()
    {
        _store.Add(-7, 7, RealizedMetricNames.Accuracy, 0.9);
        var stage = Create();

        await stage.RunAsync(leading: true, _observations, CancellationToken.None);

        var resolved = _observations.ShouldHaveSingleItem();
        (resolved.Name, resolved.State).ShouldBe(("concept.performance.realized.accuracy", AlertState.Resolved));
    }

    [Fact]
    public async Task AFailedRead_IsLoggedOnce_AndTriedAgainAtTheNextCycle()
    {
        _store.Add(-7, 7, RealizedMetricNames.Accuracy, 0.9);
        _store.FailReads = 2;
        var stage = Create();

        await stage.RunAsync(leading: true, _observations, CancellationToken.None);
        await stage.RunAsync(leading: true, _observations, CancellationToken.None);
        await stage.RunAsync(leading: true, _observations, CancellationToken.None);

        _store.Checks.ShouldHaveSingleItem();
        _logs.Lines.Count(l => l.Contains("[210]", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task TheFirstReference_IsKeptOnceComplete_AndSearchedAgainAfterLeadershipReturns()
    {
        _store.Add(-20, 20, RealizedMetricNames.Accuracy, 0.9);
        var stage = Create(o => o.Reference = ConceptDriftReference.First);

        await stage.RunAsync(leading: true, _observations, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await stage.RunAsync(leading: true, _observations, CancellationToken.None);
        await stage.RunAsync(leading: false, _observations, CancellationToken.None);
        await stage.RunAsync(leading: true, _observations, CancellationToken.None);

        _store.Checks.Select(c => (c.ReferenceFrom, c.ReferenceTo)).Distinct().ShouldBe([(Noon.AddMinutes(-20), Noon.AddMinutes(-16))]);
        _store.Reads.Count(r => r.StartsWith(DateTimeOffset.MinValue.ToString("t"), StringComparison.Ordinal)).ShouldBe(2);
    }

    private sealed class InMemoryStore : IMonitoringReader, IConceptDriftStore
    {
        private readonly List<RealizedPerformance> _windows = [];

        public List<string> Reads { get; } = [];

        public List<ConceptDriftCheck> Checks { get; } = [];

        public int FailReads { get; set; }

        /// <summary>Adds <paramref name="count"/> one-minute windows from <paramref name="fromMinute"/> (relative to noon), the value wobbling by ±0.01.</summary>
        public void Add(int fromMinute, int count, string metric, double value)
        {
            for (var minute = fromMinute; minute < fromMinute + count; minute++)
            {
                _windows.Add(new RealizedPerformance
                {
                    WindowStart = Noon.AddMinutes(minute),
                    WindowEnd = Noon.AddMinutes(minute + 1),
                    LabelCount = 10,
                    Metrics = new Dictionary<string, double> { [metric] = value + (minute % 2 == 0 ? 0.01 : -0.01) },
                });
            }
        }

        public Task<IReadOnlyList<RealizedPerformance>> GetRealizedPerformanceAsync(string model, DateTimeOffset from, DateTimeOffset to, string? segment = null, CancellationToken cancellationToken = default)
        {
            if (FailReads-- > 0)
            {
                throw new InvalidOperationException("store down");
            }

            Reads.Add($"{from:t}-{to:t}");
            return Task.FromResult<IReadOnlyList<RealizedPerformance>>([.. _windows.Where(w => w.WindowStart >= from && w.WindowStart < to && w.Segment == segment).OrderBy(w => w.WindowStart)]);
        }

        public Task SaveConceptDriftCheckAsync(ConceptDriftCheck check, CancellationToken cancellationToken = default)
        {
            Checks.Add(check);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<ConceptDriftCheck>> GetConceptDriftAsync(string model, DateTimeOffset from, DateTimeOffset to, bool onlyDrifted = false, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<PerformanceReport> GetPerformanceReportAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<PredictionExplanation?> GetExplanationAsync(ModelMonitoring.Recording.PredictionId predictionId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<PredictionSummary> GetPredictionSummaryAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<MetricRecord>> GetRecentMetricsAsync(string model, string? metricName = null, int limit = 100, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<Alert>> GetAlertsAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<DriftCheckRecord>> GetDriftHistoryAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<DriftReport> GetDriftReportAsync(string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
