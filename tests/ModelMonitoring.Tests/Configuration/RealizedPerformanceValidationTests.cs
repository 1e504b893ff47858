using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Configuration;

public class RealizedPerformanceValidationTests
{
    [Fact]
    public void Defaults_AreStated()
    {
        var options = new ModelMonitoringOptions().RealizedPerformance;

        options.Enabled.ShouldBeTrue();
        options.Interval.ShouldBe(TimeSpan.FromMinutes(1));
        options.LookBack.ShouldBe(TimeSpan.FromDays(7));
        options.LabelDelay.ShouldBe(TimeSpan.FromMinutes(5));
        options.MaxSegments.ShouldBe(20);
        options.MaxWindowsPerCycle.ShouldBe(16);
    }

    [Fact]
    public void BadSettings_FailAtStartUpTogether_NamingEachSetting()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o =>
        {
            o.AddModel("m", m => m.NumericFeatures("a"));
            o.AggregationWindow = TimeSpan.FromMinutes(5);
            o.RealizedPerformance.Interval = TimeSpan.Zero;
            o.RealizedPerformance.LookBack = TimeSpan.FromMinutes(1);
            o.RealizedPerformance.LabelDelay = TimeSpan.FromDays(2);
            o.RealizedPerformance.MaxSegments = -1;
            o.RealizedPerformance.MaxWindowsPerCycle = 0;
        }).AddSink(new RecordingSink())));

        error.Message.ShouldContain("ModelMonitoringOptions.RealizedPerformance.Interval: 00:00:00 is not allowed; use a duration from 1 second to 1 day.");
        error.Message.ShouldContain("ModelMonitoringOptions.RealizedPerformance.LookBack: 00:01:00 is not allowed; use a duration from the aggregation window (00:05:00) to 366 days.");
        error.Message.ShouldContain("ModelMonitoringOptions.RealizedPerformance.LabelDelay: 2.00:00:00 is not allowed; use a duration from zero to 1 day.");
        error.Message.ShouldContain("ModelMonitoringOptions.RealizedPerformance.MaxSegments: -1 is not allowed; use a value from 0 to 1,000.");
        error.Message.ShouldContain("ModelMonitoringOptions.RealizedPerformance.MaxWindowsPerCycle: 0 is not allowed; use a value from 1 to 1,000.");
    }

    [Fact]
    public void ASection_BindsItsSettings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelMonitoring:Models:m:NumericFeatures:0"] = "a",
            ["ModelMonitoring:RealizedPerformance:MaxSegments"] = "3",
            ["ModelMonitoring:RealizedPerformance:LookBack"] = "2.00:00:00",
            ["ModelMonitoring:RealizedPerformance:Enabled"] = "false",
        }).Build();
        var options = new ModelMonitoringOptions();

        ModelMonitoring.Configuration.ModelMonitoringConfigurationBinder.Bind(configuration.GetSection("ModelMonitoring"), options);

        options.ConfigurationErrors.ShouldBeEmpty();
        options.RealizedPerformance.MaxSegments.ShouldBe(3);
        options.RealizedPerformance.LookBack.ShouldBe(TimeSpan.FromDays(2));
        options.RealizedPerformance.Enabled.ShouldBeFalse();
    }
}
