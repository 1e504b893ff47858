using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Extensibility.Tests;

public sealed class CustomDriftDetectorTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();
    private readonly Random _random = new(19);

    [Fact]
    public async Task ACustomDetector_BuiltOnThePublicApi_RunsInThePipeline_IsStored_AndRaisesADriftAlert()
    {
        // Arrange: the built-in detector is told to need p < 1e-300, which no 200-row window reaches,
        // so any drift verdict below comes from the custom detector.
        var clock = new FakeTimeProvider(T0);
        var channel = new RecordingAlertChannel();
        await using var pipeline = MonitoringPipeline.Create(builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(clock);

            // The fake clock jumps a minute: a real SQLite write in progress must not be abandoned by the jump.
            builder.Configure(o => o.SinkTimeout = TimeSpan.FromHours(1));
            builder.Configure(o => o.AddModel("fraud", m => m
                    .NumericFeatures("amount")
                    .Drift(d =>
                    {
                        d.WindowSize = 200;
                        d.MinimumRows = 50;
                        d.CheckInterval = TimeSpan.FromMinutes(1);
                        d.Reference = ReferenceProfile.Create(new Dictionary<string, double[]> { ["amount"] = Normal(1_000, shift: 0) });
                        d.DetectorOptions.Methods["amount"] = new FeatureDriftMethod(DriftMethods.KolmogorovSmirnov, 1e-300);
                    })))
                .UseSqlite(_database.File)
                .AddDriftDetector<MeanShiftDetector>()
                .AddAlertChannel(channel);
        });

        // Act
        Record(pipeline.GetMonitor("fraud"), Normal(200, shift: 2));
        clock.Advance(TimeSpan.FromMinutes(1));
        (await pipeline.FlushAsync()).ShouldBeTrue();

        // Assert
        var history = await pipeline.Reader.GetDriftHistoryAsync("fraud", T0, T0.AddHours(1));
        history.Select(c => (c.Detector, c.DatasetDrifted)).ShouldBe([(nameof(DatasetDriftDetector), false), (nameof(MeanShiftDetector), true)]);
        var custom = history[1].Features.ShouldHaveSingleItem();
        custom.ShouldSatisfyAllConditions(
            f => f.Feature.ShouldBe("amount"),
            f => f.Method.ShouldBe(MeanShiftDetector.Method),
            f => f.Statistic.ShouldBeGreaterThan(1.5),
            f => f.PValue.ShouldBeNull(),
            f => f.Threshold.ShouldBe(MeanShiftDetector.Threshold),
            f => f.Drifted.ShouldBeTrue());
        history[1].Recommendation.ShouldBe(DriftSeverity.Critical);

        var stored = await pipeline.Reader.GetAlertsAsync("fraud", T0, T0.AddHours(1));
        stored.ShouldContain(a => a.Name == "drift.dataset" && a.State == AlertState.Firing);
        stored.ShouldContain(a => a.Name == "drift.amount" && a.State == AlertState.Firing && a.Message.Contains(MeanShiftDetector.Method, StringComparison.Ordinal));
        channel.Alerts.Select(a => a.Name).ShouldBe(["drift.dataset", "drift.amount"], ignoreOrder: true);
    }

    [Fact]
    public void DatasetDriftResult_FromFeatureResults_DerivesTheVerdictAndRejectsABadThreshold()
    {
        FeatureDriftResult[] features =
        [
            new("a", FeatureKind.Numeric, "mine", 0.9, null, 0.5, true, 1),
            new("b", FeatureKind.Categorical, "mine", 0.1, null, 0.5, false, 0.2),
        ];

        var result = new DatasetDriftResult(features, driftShareThreshold: 0.5);

        result.ShouldSatisfyAllConditions(
            r => r.Features.ShouldBe(features),
            r => r.DriftedCount.ShouldBe(1),
            r => r.DriftedShare.ShouldBe(0.5),
            r => r.DatasetDrifted.ShouldBeTrue(),
            r => r.Score.ShouldBe(0.6, 1e-12),
            r => r.Recommendation.ShouldBe(DriftSeverity.Warning));
        Should.Throw<ArgumentOutOfRangeException>(() => new DatasetDriftResult(features, 0)).ParamName.ShouldBe("driftShareThreshold");
        Should.Throw<ArgumentNullException>(() => new DatasetDriftResult([features[0], null!], 0.5)).ParamName.ShouldBe("features");
    }

    public void Dispose() => _database.Dispose();

    private static void Record(IModelMonitor monitor, double[] amounts)
    {
        foreach (var amount in amounts)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [amount] }).ShouldNotBe(PredictionId.Empty);
        }
    }

    private double[] Normal(int count, double shift)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = shift + (Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble()));
        }

        return values;
    }
}
