using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMonitoring.Explainability;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;
using ModelMonitoring.Tests.Configuration;

namespace ModelMonitoring.Tests.Explainability;

public sealed class ExplainabilityOptionsTests
{
    private const string Json = """
        {
          "ModelMonitoring": {
            "Models": {
              "fraud": {
                "NumericFeatures": [ "amount", "age" ],
                "Explainability": {
                  "CheckInterval": "00:30:00",
                  "MinimumAttributions": 50,
                  "MaxAttributionsPerWindow": 2000,
                  "TopK": 2,
                  "MinRankCorrelation": 0.6,
                  "AttributionDriftPValue": 0.001,
                  "ComplexityMass": 0.8,
                  "MaxComplexityChange": 0.5
                }
              }
            }
          }
        }
        """;

    [Fact]
    public void Explainability_BindsFromConfiguration()
    {
        var services = new ServiceCollection();
        services.AddModelMonitoring(ConfigurationBindingTests.Configuration(Json).GetSection("ModelMonitoring"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ModelMonitoringOptions>>().Value.Models.Single().ExplainabilityMonitoring;

        options.CheckInterval.ShouldBe(TimeSpan.FromMinutes(30));
        (options.MinimumAttributions, options.MaxAttributionsPerWindow, options.TopK).ShouldBe((50, 2000, 2));
        (options.MinRankCorrelation, options.AttributionDriftPValue, options.ComplexityMass, options.MaxComplexityChange).ShouldBe((0.6, 0.001, 0.8, 0.5));
    }

    [Fact]
    public void Explainability_UnknownKeyInConfiguration_FailsAtStartUpNamingIt()
    {
        var json = Json.Replace("\"TopK\": 2", "\"TopKay\": 2", StringComparison.Ordinal);
        var services = new ServiceCollection();
        services.AddModelMonitoring(ConfigurationBindingTests.Configuration(json).GetSection("ModelMonitoring"));
        using var provider = services.BuildServiceProvider();

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ModelMonitoringOptions>>().Value)
            .Message.ShouldContain("ModelMonitoring:Models:fraud:Explainability");
    }

    [Fact]
    public void Explainability_BadSettings_FailAtStartUpEveryOneNamed()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o => o.AddModel("fraud", m => m
            .NumericFeatures("amount")
            .Explainability(e =>
            {
                e.CheckInterval = TimeSpan.Zero;
                e.MinimumAttributions = 1;
                e.MaxAttributionsPerWindow = 2_000_000;
                e.TopK = 0;
                e.MinRankCorrelation = 1.5;
                e.AttributionDriftPValue = 0;
                e.ComplexityMass = 0;
                e.MaxComplexityChange = double.NaN;
            })))));

        var at = "ModelMonitoringOptions.Models['fraud'].Explainability";
        error.Message.ShouldContain($"{at}.CheckInterval: 00:00:00 is not allowed; use a positive, finite duration.");
        error.Message.ShouldContain($"{at}.MinimumAttributions: 1 is not allowed");
        error.Message.ShouldContain($"{at}.MaxAttributionsPerWindow: 2000000 is not allowed; use a value from 2 to 1,000,000.");
        error.Message.ShouldContain($"{at}.TopK: 0 is not allowed; use a value from 1 to 100.");
        error.Message.ShouldContain($"{at}.MinRankCorrelation: 1.5 is not allowed; use a value from -1 to 1.");
        error.Message.ShouldContain($"{at}.AttributionDriftPValue: 0 is not allowed");
        error.Message.ShouldContain($"{at}.ComplexityMass: 0 is not allowed");
        error.Message.ShouldContain($"{at}.MaxComplexityChange: NaN is not allowed");
    }

    [Fact]
    public async Task RecordFeatureImportance_Invalid_IsRejectedAndCountedByReason()
    {
        await using var test = TestPipeline.Create(o => o.AddModel("m", m => m.NumericFeatures("a", "b")));
        var monitor = test.Pipeline.GetMonitor("m");

        monitor.RecordFeatureImportance("1", new Dictionary<string, double> { ["a"] = 1 }).ShouldBeFalse();
        monitor.RecordFeatureImportance("1", new Dictionary<string, double> { ["a"] = 1, ["c"] = 2 }).ShouldBeFalse();
        monitor.RecordFeatureImportance("1", [1.0]).ShouldBeFalse();
        monitor.RecordFeatureImportance("1", [1.0, double.NaN]).ShouldBeFalse();
        monitor.RecordFeatureImportance("", [1.0, 2.0]).ShouldBeFalse();
        monitor.RecordFeatureImportance("1", new Dictionary<string, double> { ["a"] = 1, ["b"] = 2 }).ShouldBeTrue();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(DropReason.SchemaMismatch).ShouldBe(3);
        statistics.GetDropped(DropReason.InvalidValue).ShouldBe(2);
        test.Sink.Metrics.Where(m => m.Name.StartsWith("importance.global.", StringComparison.Ordinal)).Select(m => (m.Name, m.Value, m.Metadata!["version"]))
            .ShouldBe([("importance.global.a", 1.0, "1"), ("importance.global.b", 2.0, "1")]);
    }

    [Fact]
    public void Complexity_CountsFeaturesCarryingTheMassLargestFirst()
    {
        Span<double> scratch = stackalloc double[4];
        AttributionWindow.Complexity([0.1, -5, 4, 0.9], 0.9, scratch).ShouldBe(2);
        AttributionWindow.Complexity([1, 1, 1, 1], 0.9, scratch).ShouldBe(4);
        AttributionWindow.Complexity([0, 0, 0, 0], 0.9, scratch).ShouldBe(0);
        AttributionWindow.Complexity([0, 0, 3, 0], 1.0, scratch).ShouldBe(1);
    }
}
