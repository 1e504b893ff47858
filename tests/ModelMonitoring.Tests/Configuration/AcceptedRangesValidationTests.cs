using Microsoft.Extensions.Options;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Configuration;

public class AcceptedRangesValidationTests
{
    private static OptionsValidationException CreateFails(Action<ModelMonitoringOptions> configure) =>
        Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o =>
        {
            o.AddModel("m", m => m.NumericFeatures("a"));
            configure(o);
        })));

    [Fact]
    public void Defaults_AreFiveMinutesSevenDaysAndOneDay()
    {
        var options = new ModelMonitoringOptions();

        options.MaxClockSkew.ShouldBe(TimeSpan.FromMinutes(5));
        options.MaxLateness.ShouldBe(TimeSpan.FromDays(7));
        options.MaxLatency.ShouldBe(TimeSpan.FromDays(1));
    }

    [Fact]
    public void OutOfRangeLimits_FailTogether_NamingEachSettingAndWhatIsAllowed()
    {
        var error = CreateFails(o =>
        {
            o.MaxClockSkew = TimeSpan.FromDays(2);
            o.MaxLateness = TimeSpan.FromTicks(-1);
            o.MaxLatency = TimeSpan.Zero;
        });

        error.Message.ShouldContain("ModelMonitoringOptions.MaxClockSkew: 2.00:00:00 is not allowed; use a duration from zero to 1 day.");
        error.Message.ShouldContain("ModelMonitoringOptions.MaxLateness: -00:00:00.0000001 is not allowed; use a duration from zero to 36,500 days.");
        error.Message.ShouldContain("ModelMonitoringOptions.MaxLatency: 00:00:00 is not allowed; use a duration from 1 millisecond to 365 days.");
    }

    [Fact]
    public void TimeSpanMaxValue_IsNotALimit()
    {
        var error = CreateFails(o => { o.MaxLateness = TimeSpan.MaxValue; o.MaxLatency = TimeSpan.MaxValue; });

        error.Message.ShouldContain("ModelMonitoringOptions.MaxLateness");
        error.Message.ShouldContain("ModelMonitoringOptions.MaxLatency");
    }

    [Fact]
    public void LimitsAtTheirBounds_Start()
    {
        using var pipeline = MonitoringPipeline.Create(b => b.Configure(o =>
        {
            o.AddModel("m", m => m.NumericFeatures("a"));
            o.MaxClockSkew = TimeSpan.Zero;
            o.MaxLateness = TimeSpan.FromDays(36_500);
            o.MaxLatency = TimeSpan.FromMilliseconds(1);
        }).AddSink(new RecordingSink()));

        pipeline.Models.ShouldHaveSingleItem();
    }
}
