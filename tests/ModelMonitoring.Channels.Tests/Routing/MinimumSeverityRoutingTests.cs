using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Channels.Tests.Routing;

/// <summary>
/// Default routes come from each channel's <c>MinimumSeverity</c>, not from its name; an explicit
/// route in <see cref="AlertingOptions.Routes"/> takes precedence.
/// </summary>
public sealed class MinimumSeverityRoutingTests
{
    [Fact]
    public void Defaults_KeepThePreviousRoutes_ByKindOfChannel()
    {
        new ConsoleChannelOptions().MinimumSeverity.ShouldBe(AlertSeverity.Info);
        new WebhookChannelOptions().MinimumSeverity.ShouldBe(AlertSeverity.Info);
        new SlackChannelOptions().MinimumSeverity.ShouldBe(AlertSeverity.Warning);
        new EmailChannelOptions().MinimumSeverity.ShouldBe(AlertSeverity.Critical);
        new PagerDutyChannelOptions().MinimumSeverity.ShouldBe(AlertSeverity.Critical);
    }

    [Fact]
    public async Task WarningAlert_GoesToChannelsWhoseMinimumItReaches_WhateverTheirNames()
    {
        // Before, the core kept warnings from any channel *named* "email"; a console channel may take that name.
        await using var test = Create(
            o => { },
            b => b.AddConsoleChannel("email", o => o.Writer = TextWriter.Null)
                .AddConsoleChannel("quiet", o => { o.Writer = TextWriter.Null; o.MinimumSeverity = AlertSeverity.Critical; }));

        var alert = await RaiseWarningAsync(test);

        alert.NotifiedChannels.ShouldContain("email");
        alert.NotifiedChannels.ShouldNotContain("quiet");
        Delivered(test, "email").ShouldBe(1);
        Delivered(test, "quiet").ShouldBe(0);
    }

    [Fact]
    public async Task ExplicitRoute_TakesPrecedenceOverMinimumSeverity()
    {
        await using var test = Create(
            o => o.Alerting.Routes[AlertSeverity.Warning] = ["quiet"],
            b => b.AddConsoleChannel("loud", o => o.Writer = TextWriter.Null)
                .AddConsoleChannel("quiet", o => { o.Writer = TextWriter.Null; o.MinimumSeverity = AlertSeverity.Critical; }));

        var alert = await RaiseWarningAsync(test);

        alert.NotifiedChannels.ShouldBe(["quiet"]);
        Delivered(test, "loud").ShouldBe(0);
    }

    private static TestPipeline Create(Action<ModelMonitoringOptions> configure, Action<IModelMonitoringBuilder> channels) =>
        TestPipeline.Create(
            o =>
            {
                o.AddModel("fraud", m => m.NumericFeatures("x").Threshold(WindowMetricNames.ErrorRate, t => { t.Max = 0.1; t.Severity = AlertSeverity.Warning; }));
                configure(o);
            },
            channels);

    private static async Task<Alert> RaiseWarningAsync(TestPipeline test)
    {
        test.Pipeline.GetMonitor("fraud").RecordPrediction(new Prediction { NumericFeatures = [1], Status = PredictionStatus.Error });
        test.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        return (await test.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldHaveSingleItem();
    }

    private static long Delivered(TestPipeline test, string channel) =>
        test.Pipeline.GetStatistics().Channels.Single(c => c.Channel == channel).Delivered;
}
