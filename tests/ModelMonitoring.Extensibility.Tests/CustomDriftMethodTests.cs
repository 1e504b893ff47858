using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Drift;
using ModelMonitoring.Recording;

namespace ModelMonitoring.Extensibility.Tests;

public sealed class CustomDriftMethodTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();
    private readonly Random _random = new(23);

    [Fact]
    public void ACustomDriftMethod_AddedWithOneLine_IsListedByTheCatalog_AndChosenByNameByTheDetector()
    {
        // Arrange
        var options = new DatasetDriftOptions();
        options.Catalog.Add(new OverlapMethod());
        options.Methods["amount"] = new FeatureDriftMethod(OverlapMethod.MethodName, 0.8);
        options.Methods["country"] = new FeatureDriftMethod(OverlapMethod.MethodName, 0.8);
        var reference = ReferenceProfile.Create(
            new Dictionary<string, double[]> { ["amount"] = Normal(2_000, shift: 0) },
            new Dictionary<string, string[]> { ["country"] = Countries(2_000) });

        // Act
        var result = new DatasetDriftDetector(options).Detect(
            reference,
            new Dictionary<string, double[]> { ["amount"] = Normal(500, shift: 3) },
            new Dictionary<string, string[]> { ["country"] = Countries(500) });

        // Assert
        options.Catalog.Select(m => m.Name).ShouldBe(
            [DriftMethods.KolmogorovSmirnov, DriftMethods.MannWhitney, DriftMethods.TTest, DriftMethods.ZTest, DriftMethods.ChiSquare,
             DriftMethods.AndersonDarling, DriftMethods.CramerVonMises, DriftMethods.Energy, DriftMethods.Wasserstein,
             DriftMethods.PopulationStabilityIndex, DriftMethods.JensenShannon, DriftMethods.KullbackLeibler, DriftMethods.Hellinger, DriftMethods.Combined,
             OverlapMethod.MethodName]);
        options.Catalog.TryGet(OverlapMethod.MethodName, out var listed).ShouldBeTrue();
        listed.ShouldBeOfType<OverlapMethod>();
        var amount = result.Features.Single(f => f.Feature == "amount");
        amount.ShouldSatisfyAllConditions(
            f => f.Method.ShouldBe(OverlapMethod.MethodName),
            f => f.Statistic.ShouldBeLessThan(0.5),
            f => f.PValue.ShouldBeNull(),
            f => f.Threshold.ShouldBe(0.8),
            f => f.Drifted.ShouldBeTrue(),
            f => f.Score.ShouldBe(1));
        var country = result.Features.Single(f => f.Feature == "country");
        country.ShouldSatisfyAllConditions(
            f => f.Method.ShouldBe(OverlapMethod.MethodName),
            f => f.Statistic.ShouldBe(1, 1e-12),
            f => f.Drifted.ShouldBeFalse(),
            f => f.Score.ShouldBe(0.8, 1e-12));
    }

    [Fact]
    public void ACustomDriftMethod_NotAdded_IsRefusedByName_WithTheCatalogsNames()
    {
        var options = new DatasetDriftOptions();
        options.Methods["amount"] = new FeatureDriftMethod(OverlapMethod.MethodName, 0.8);

        var error = Should.Throw<ArgumentException>(() => new DatasetDriftDetector(options));

        error.Message.ShouldContain($"unknown drift method '{OverlapMethod.MethodName}'; allowed: ks, mannwhitney,");
    }

    [Fact]
    public async Task ACustomDriftMethod_AddedToAModelsDetectorOptions_PassesStartUpValidation_AndRunsInContinuousChecks()
    {
        // Arrange
        var clock = new FakeTimeProvider(T0);
        await using var pipeline = MonitoringPipeline.Create(builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Configure(o => o.SinkTimeout = TimeSpan.FromHours(1));
            builder.Configure(o => o.AddModel("fraud", m => m
                    .NumericFeatures("amount")
                    .Drift(d =>
                    {
                        d.WindowSize = 200;
                        d.MinimumRows = 50;
                        d.CheckInterval = TimeSpan.FromMinutes(1);
                        d.Reference = ReferenceProfile.Create(new Dictionary<string, double[]> { ["amount"] = Normal(1_000, shift: 0) });
                        d.DetectorOptions.Catalog.Add(new OverlapMethod());
                        d.DetectorOptions.Methods["amount"] = new FeatureDriftMethod(OverlapMethod.MethodName, 0.8);
                    })))
                .UseSqlite(_database.File);
        });

        // Act
        var monitor = pipeline.GetMonitor("fraud");
        foreach (var amount in Normal(200, shift: 3))
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [amount] }).ShouldNotBe(PredictionId.Empty);
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        (await pipeline.FlushAsync()).ShouldBeTrue();

        // Assert
        var check = (await pipeline.Reader.GetDriftHistoryAsync("fraud", T0, T0.AddHours(1))).ShouldHaveSingleItem();
        check.DatasetDrifted.ShouldBeTrue();
        var feature = check.Features.ShouldHaveSingleItem();
        feature.ShouldSatisfyAllConditions(
            f => f.Method.ShouldBe(OverlapMethod.MethodName),
            f => f.Statistic.ShouldBeLessThan(0.8),
            f => f.Drifted.ShouldBeTrue());
    }

    public void Dispose() => _database.Dispose();

    private static string[] Countries(int count) => Enumerable.Range(0, count).Select(i => (i % 4) switch { 0 => "fr", 1 => "de", _ => "es" }).ToArray();

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
