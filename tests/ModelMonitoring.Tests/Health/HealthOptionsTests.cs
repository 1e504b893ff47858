using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMonitoring.Tests.Configuration;

namespace ModelMonitoring.Tests.Health;

public sealed class HealthOptionsTests
{
    private const string Json = """
        {
          "ModelMonitoring": {
            "Models": {
              "fraud": {
                "NumericFeatures": [ "amount" ],
                "Health": {
                  "ErrorRateWarning": 0.02,
                  "ErrorRateCritical": 0.2,
                  "LatencyBaseline": "00:00:00.050",
                  "PerformanceBaseline": 0.93,
                  "DriftWeight": 10,
                  "HealthyAtLeast": 90
                }
              }
            }
          }
        }
        """;

    [Fact]
    public void Health_BindsFromConfiguration()
    {
        var services = new ServiceCollection();
        services.AddModelMonitoring(ConfigurationBindingTests.Configuration(Json).GetSection("ModelMonitoring"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ModelMonitoringOptions>>().Value.Models.Single().HealthScoring;

        (options.ErrorRateWarning, options.ErrorRateCritical, options.PerformanceBaseline, options.DriftWeight, options.HealthyAtLeast).ShouldBe((0.02, 0.2, 0.93, 10.0, 90.0));
        options.LatencyBaseline.ShouldBe(TimeSpan.FromMilliseconds(50));
        options.Enabled.ShouldBeTrue();
    }

    [Fact]
    public void Health_UnknownKeyInConfiguration_FailsAtStartUpNamingIt()
    {
        var services = new ServiceCollection();
        services.AddModelMonitoring(ConfigurationBindingTests.Configuration(Json.Replace("\"DriftWeight\"", "\"DriftWait\"", StringComparison.Ordinal)).GetSection("ModelMonitoring"));
        using var provider = services.BuildServiceProvider();

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ModelMonitoringOptions>>().Value)
            .Message.ShouldContain("ModelMonitoring:Models:fraud:Health");
    }

    [Fact]
    public void Health_BadSettings_FailAtStartUpEveryOneNamed()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o => o.AddModel("fraud", m => m
            .NumericFeatures("amount")
            .Health(h =>
            {
                h.ErrorRateWarning = 0.2;
                h.ErrorRateCritical = 0.1;
                h.LatencyBaseline = TimeSpan.Zero;
                h.PerformanceBaseline = double.NaN;
                h.DriftShareCritical = 0;
                h.QualityWeight = 101;
                h.LatencyBaselineWindows = 0;
                h.HealthyAtLeast = 40;
            })))));

        foreach (var setting in new[] { "Health.ErrorRateWarning/ErrorRateCritical", "Health.LatencyBaseline", "Health.PerformanceBaseline", "Health.DriftShareCritical", "Health.QualityWeight", "Health.LatencyBaselineWindows", "Health.HealthyAtLeast/DegradedAtLeast" })
        {
            error.Message.ShouldContain(setting);
        }
    }

    [Fact]
    public void ThresholdOnTheHealthScore_IsRefusedAtStartUp_BecauseItWouldNeverBeEvaluated()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o => o.AddModel("fraud", m => m
            .NumericFeatures("amount")
            .Threshold("health.score", t => t.Min = 60)))));

        error.Message.ShouldContain("health.score");
    }
}
