using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMonitoring.Drift;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Configuration;

/// <summary>The combined drift preset and the seed's dataset rule, chosen in appsettings.json and validated at start-up.</summary>
public sealed class CombinedDriftConfigurationTests
{
    [Fact]
    public void DefaultMethodThresholdAndRule_AreBoundFromConfiguration()
    {
        const string json = """
            { "ModelMonitoring": { "Models": { "fraud": {
                "NumericFeatures": [ "amount" ], "CategoricalFeatures": [ "country" ],
                "Drift": { "ReferenceFromFirst": 1000, "DetectorOptions": { "DefaultMethod": "combined", "DefaultThreshold": 0.8, "Rule": "ScoreOrShare" } }
            } } } }
            """;
        var services = new ServiceCollection();
        services.AddModelMonitoring(ConfigurationBindingTests.Configuration(json).GetSection("ModelMonitoring"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ModelMonitoringOptions>>().Value;

        var detector = options.Models.Single().DriftMonitoring.ShouldNotBeNull().DetectorOptions;
        detector.DefaultMethod.ShouldBe(DriftMethods.Combined);
        detector.DefaultThreshold.ShouldBe(0.8);
        detector.Rule.ShouldBe(DatasetDriftRule.ScoreOrShare);
    }

    [Theory]
    [InlineData("\"DefaultMethod\": \"combind\"", "Models['fraud'].Drift.DetectorOptions.DefaultMethod: unknown drift method 'combind'; use one of ks,")]
    [InlineData("\"Rule\": \"Loudest\"", "ModelMonitoring:Models:fraud:Drift: Failed to convert configuration value 'Loudest'")]
    public void BadDefaultMethodOrRule_FailsAtStartUpNamingTheSetting(string setting, string expected)
    {
        var json = $$"""
            { "ModelMonitoring": { "Models": { "fraud": {
                "NumericFeatures": [ "amount" ],
                "Drift": { "ReferenceFromFirst": 1000, "DetectorOptions": { {{setting}} } }
            } } } }
            """;

        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b =>
            b.Services.AddModelMonitoring(ConfigurationBindingTests.Configuration(json).GetSection("ModelMonitoring")).AddSink(new RecordingSink())));

        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void DefaultThresholdInvalidForTheMethod_FailsAtStartUp()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o => o.AddModel("fraud", m => m
            .NumericFeatures("amount")
            .Drift(d =>
            {
                d.ReferenceFromFirst = 1000;
                d.DetectorOptions = new DatasetDriftOptions { DefaultMethod = DriftMethods.KolmogorovSmirnov, DefaultThreshold = 2, Rule = (DatasetDriftRule)9 };
            })))));

        error.Message.ShouldContain("Models['fraud'].Drift.DetectorOptions.DefaultThreshold: the p-value threshold of 'ks' must lie in (0, 1), not 2.");
        error.Message.ShouldContain("Models['fraud'].Drift.DetectorOptions.Rule: 9 is not allowed; use DriftShare or ScoreOrShare.");
    }
}
