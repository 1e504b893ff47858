using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Sqlite.Tests;

public sealed class MultivariateDriftEndToEndTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();
    private readonly Random _random = new(20);

    [Fact]
    public async Task CorrelationOnlyShift_IsDetectedByTheMultivariateCheck_StoredInSqlite_AndAlerted_AlsoAfterARestart()
    {
        // Arrange: x and y are standard normal throughout; only their correlation flips from +0.8 to -0.8.
        var path = _directory.File("multivariate.db");
        var clock = new FakeTimeProvider(T0);
        await using (var first = Create(path, clock, new RecordingAlertChannel()))
        {
            Record(first.GetMonitor("pricing"), 2_000, correlation: 0.8);
            (await first.FlushAsync()).ShouldBeTrue();
        }

        var channel = new RecordingAlertChannel();
        await using var second = Create(path, clock, channel);
        (await second.FlushAsync()).ShouldBeTrue();
        second.DriftMonitoring.GetStatus("pricing").Reference.ShouldNotBeNull().RowCount.ShouldBe(2_000);

        // Act
        Record(second.GetMonitor("pricing"), 500, correlation: 0.8);
        clock.Advance(TimeSpan.FromMinutes(1));
        (await second.FlushAsync()).ShouldBeTrue();
        Record(second.GetMonitor("pricing"), 500, correlation: -0.8);
        clock.Advance(TimeSpan.FromMinutes(1));
        (await second.FlushAsync()).ShouldBeTrue();

        // Assert
        var history = await second.Reader.GetDriftHistoryAsync("pricing", T0, T0.AddHours(1));
        history.Select(c => (c.Detector, c.DatasetDrifted)).ShouldBe(
        [
            (nameof(DatasetDriftDetector), false), (nameof(MultivariateDriftDetector), false),
            (nameof(DatasetDriftDetector), false), (nameof(MultivariateDriftDetector), true),
        ]);
        history[2].Features.ShouldAllBe(f => !f.Drifted, "the marginals did not change");
        var multivariate = history[3];
        multivariate.RowCount.ShouldBe(500);
        multivariate.ReferenceRowCount.ShouldBe(2_000);
        multivariate.Features.Select(f => f.Feature).ShouldBe(["multivariate.pc1", "multivariate.reconstruction_error"]);
        multivariate.Features[0].ShouldSatisfyAllConditions(
            f => f.Method.ShouldBe(DriftMethods.KolmogorovSmirnov),
            f => f.PValue.ShouldNotBeNull().ShouldBeLessThan(1e-10),
            f => f.Threshold.ShouldBe(0.05),
            f => f.Drifted.ShouldBeTrue());
        multivariate.Features[1].ShouldSatisfyAllConditions(
            f => f.Method.ShouldBe("pca_reconstruction"),
            f => f.PValue.ShouldBeNull(),
            f => f.Statistic.ShouldBeGreaterThan(f.Threshold),
            f => f.Drifted.ShouldBeTrue());

        var alerts = await second.Reader.GetAlertsAsync("pricing", T0, T0.AddHours(1));
        alerts.ShouldContain(a => a.Name == "drift.dataset" && a.State == AlertState.Firing);
        channel.Alerts.Select(a => a.Name).ShouldContain("drift.dataset");
        second.DriftMonitoring.GetStatus("pricing").FailedCheckCount.ShouldBe(0);
    }

    public void Dispose() => _directory.Dispose();

    private static MonitoringPipeline Create(string path, FakeTimeProvider clock, RecordingAlertChannel channel) => MonitoringPipeline.Create(builder =>
    {
        builder.Services.AddSingleton<TimeProvider>(clock);
        // The fake clock jumps minutes at a time: a real SQLite write in progress must not be abandoned by a jump.
        builder.Configure(o => o.SinkTimeout = TimeSpan.FromHours(1));
        builder.Configure(o => o.AddModel("pricing", m => m
                .NumericFeatures("x", "y")
                .Drift(d =>
                {
                    d.WindowSize = 500;
                    d.MinimumRows = 100;
                    d.CheckInterval = TimeSpan.FromMinutes(1);
                    d.ReferenceFromFirst = 2_000;
                    d.Multivariate = new MultivariateDriftOptions();
                })))
            .UseSqlite(path)
            .AddAlertChannel(channel);
    });

    private void Record(IModelMonitor monitor, int count, double correlation)
    {
        for (var i = 0; i < count; i++)
        {
            var x = Normal();
            var y = (correlation * x) + (Math.Sqrt(1 - (correlation * correlation)) * Normal());
            monitor.RecordPrediction(new Prediction { NumericFeatures = [x, y] }).ShouldNotBe(PredictionId.Empty);
        }
    }

    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
