using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Alerting;
using ModelMonitoring.ConceptDrift;
using ModelMonitoring.Performance;
using ModelMonitoring.Storage;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Sqlite.Tests;

/// <summary>
/// The concept drift check run by the worker on a fake clock against a real SQLite file: the realized accuracy per window is
/// stored first (as the realized performance stage would), then each check reads it, stores its result and raises or resolves
/// <c>concept.performance.realized.accuracy</c>.
/// </summary>
public sealed class ConceptDriftCheckTests : IDisposable
{
    private const string AlertName = "concept.performance.realized.accuracy";
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task ADegradedSeries_IsStoredAsDrifted_AndRaisesOneCriticalAlert_ResolvedWhenTheAccuracyRecovers()
    {
        await using var test = Create(c => c.Reference = ConceptDriftReference.First);
        // Minutes −16 to −5 are the first windows (the reference); −4 to 9 lose 22 points of accuracy; 10 to 19 recover.
        await SaveAccuracyAsync(test, -16, 12, 0.92);
        await SaveAccuracyAsync(test, -4, 14, 0.70);
        await SaveAccuracyAsync(test, 10, 10, 0.92);
        var checks = test.Pipeline.Services.GetRequiredService<IConceptDriftStore>();

        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        var first = (await checks.GetConceptDriftAsync("fraud", Noon, Noon.AddHours(1))).ShouldHaveSingleItem();
        var firing = (await test.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldHaveSingleItem();
        await AdvanceAsync(test, TimeSpan.FromMinutes(10));
        await AdvanceAsync(test, TimeSpan.FromMinutes(10));
        var all = await checks.GetConceptDriftAsync("fraud", Noon, Noon.AddHours(1));
        var drifted = await checks.GetConceptDriftAsync("fraud", Noon, Noon.AddHours(1), onlyDrifted: true);

        (first.Metric, first.CheckedAt, first.Drifted, first.Severity).ShouldBe(("realized.accuracy", Noon.AddSeconds(10), true, AlertSeverity.Critical));
        (first.ReferenceFrom, first.ReferenceTo, first.ReferenceCount).ShouldBe((Noon.AddMinutes(-16), Noon.AddMinutes(-4), 12));
        (first.CurrentFrom, first.CurrentTo, first.CurrentCount).ShouldBe((Noon.AddMinutes(-4), Noon, 4));
        first.DegradationPercent.ShouldBe((first.ReferenceMean - first.CurrentMean) / first.ReferenceMean * 100, 1e-9);
        first.DegradationPercent.ShouldBeGreaterThan(20);
        first.PValue.ShouldBeLessThan(1e-6);
        (firing.Name, firing.Severity, firing.Metric).ShouldBe((AlertName, AlertSeverity.Critical, AlertName));
        firing.Message.ShouldContain("concept drift");
        all.Select(c => (c.CheckedAt, c.Drifted)).ShouldBe([(Noon.AddSeconds(10), true), (Noon.AddMinutes(10).AddSeconds(10), true), (Noon.AddMinutes(20).AddSeconds(10), false)]);
        all.Select(c => c.ReferenceFrom).Distinct().ShouldBe([Noon.AddMinutes(-16)]);
        drifted.Count.ShouldBe(2);
        test.Channel.Alerts.Count(a => a.Name == AlertName && a.State == AlertState.Firing).ShouldBe(1);
        (await test.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldBeEmpty();
        var history = (await test.Pipeline.Alerts.GetAlertHistoryAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).ShouldHaveSingleItem();
        (history.Id, history.State, history.ResolvedAt).ShouldBe((firing.Id, AlertState.Resolved, Noon.AddMinutes(20).AddSeconds(10)));
    }

    [Fact]
    public async Task AStableSeries_IsStoredAsNotDrifted_AndRaisesNothing()
    {
        await using var test = Create();
        await SaveAccuracyAsync(test, -16, 16, 0.92);

        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        var check = (await test.Pipeline.Services.GetRequiredService<IConceptDriftStore>().GetConceptDriftAsync("fraud", Noon, Noon.AddHours(1))).ShouldHaveSingleItem();

        (check.ReferenceFrom, check.ReferenceTo, check.ReferenceCount, check.CurrentCount).ShouldBe((Noon.AddMinutes(-16), Noon.AddMinutes(-4), 12, 4));
        check.Drifted.ShouldBeFalse();
        check.Severity.ShouldBeNull();
        check.PValue.ShouldBeGreaterThan(0.05);
        (await test.Pipeline.Alerts.GetAlertHistoryAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).ShouldBeEmpty();
        SqliteTestDatabase.Scalar(_directory.File("concept.db"), """
            SELECT count(*) FROM v_concept_drift_checks
            WHERE model = 'fraud' AND metric = 'realized.accuracy' AND checked_time = '2026-03-01T12:00:10.000Z'
              AND current_from_time = '2026-03-01T11:56:00.000Z' AND drifted = 0 AND severity IS NULL;
            """).ShouldBe(1L);
    }

    [Fact]
    public async Task TooFewWindows_SkipTheCheck_StoringNothing()
    {
        await using var test = Create();
        await SaveAccuracyAsync(test, -16, 12, 0.92);
        await SaveAccuracyAsync(test, -2, 2, 0.50);

        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        (await test.Pipeline.Services.GetRequiredService<IConceptDriftStore>().GetConceptDriftAsync("fraud", Noon, Noon.AddHours(1))).ShouldBeEmpty();
        test.Logs.Lines.ShouldContain(l => l.Contains("[212]", StringComparison.Ordinal) && l.Contains("fewer than the 3", StringComparison.Ordinal));
    }

    public void Dispose() => _directory.Dispose();

    private TestPipeline Create(Action<ConceptDriftOptions>? configure = null) => TestPipeline.Create(
        o => o.AddModel("fraud", m => m.NumericFeatures("x").ConceptDrift(c =>
        {
            c.ReferenceWindows = 12;
            c.CurrentWindows = 4;
            configure?.Invoke(c);
        })),
        b => b.UseSqlite(_directory.File("concept.db")),
        new FakeTimeProvider(Noon.AddSeconds(10)));

    /// <summary>Stores the realized accuracy of <paramref name="count"/> one-minute windows from <paramref name="fromMinute"/> (relative to noon), around <paramref name="accuracy"/>.</summary>
    private static async Task SaveAccuracyAsync(TestPipeline test, int fromMinute, int count, double accuracy)
    {
        var store = test.Pipeline.Services.GetRequiredService<IRealizedPerformanceStore>();
        for (var minute = fromMinute; minute < fromMinute + count; minute++)
        {
            var start = Noon.AddMinutes(minute);
            var value = accuracy + (0.01 * Math.Sin(minute));
            await store.SaveRealizedPerformanceAsync("fraud", start, [new RealizedPerformance
            {
                WindowStart = start,
                WindowEnd = start.AddMinutes(1),
                LabelCount = 100,
                ComputedAt = Noon,
                Metrics = new Dictionary<string, double> { [RealizedMetricNames.Accuracy] = value },
            }]);
        }
    }

    // The cycle the advance wakes may run the check, or the flush's cycle does; either reads the clock after the advance.
    private static async Task AdvanceAsync(TestPipeline test, TimeSpan by)
    {
        test.Clock.Advance(by);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
    }
}
