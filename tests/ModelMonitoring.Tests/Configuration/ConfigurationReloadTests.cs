using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Configuration;

/// <summary>Thresholds, rules, silences and routes follow configuration changes without a restart; an invalid change is refused.</summary>
public sealed class ConfigurationReloadTests
{
    private const string Threshold = "ModelMonitoring:Models:m:Thresholds:error_rate:Max";

    private static IConfigurationRoot Configuration() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelMonitoring:AggregationWindow"] = "00:01:00",
            ["ModelMonitoring:Models:m:NumericFeatures:0"] = "x",
            [Threshold] = "0.9",
        })
        .Build();

    private static TestPipeline Create(IConfigurationRoot configuration) => TestPipeline.Create(
        _ => { },
        b => b.Services.AddModelMonitoring(configuration.GetSection("ModelMonitoring")),
        new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero))); // mid-window, so each minute closes one

    /// <summary>Records one window with an error rate of 0.5 and closes it.</summary>
    private static async Task CloseWindowWithHalfErrorsAsync(TestPipeline test)
    {
        var monitor = test.Pipeline.GetMonitor("m");
        monitor.RecordPrediction(new Prediction { NumericFeatures = [1], Status = PredictionStatus.Error });
        monitor.RecordPrediction(new Prediction { NumericFeatures = [1] });
        test.Clock.Advance(TimeSpan.FromMinutes(1));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task ThresholdChange_TakesEffectAtTheNextEvaluation_WithoutRestart()
    {
        var configuration = Configuration();
        await using var test = Create(configuration);
        await CloseWindowWithHalfErrorsAsync(test);
        test.Channel.Alerts.ShouldBeEmpty();

        configuration[Threshold] = "0.1";
        configuration.Reload();
        await CloseWindowWithHalfErrorsAsync(test);

        var alert = test.Channel.Alerts.ShouldHaveSingleItem();
        alert.Name.ShouldBe("threshold.error_rate");
        alert.Threshold.ShouldBe(0.1);
        test.Pipeline.GetStatistics().ConfigurationReloadsRejected.ShouldBe(0);
        test.Logs.Lines.ShouldContain(l => l.Contains("[111]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvalidChange_IsRefused_KeepingTheLastValidSettings_LoggedAndCounted()
    {
        var configuration = Configuration();
        await using var test = Create(configuration);

        // Max 0.1 alone would fire on the next window; with Min above it the whole change is invalid.
        configuration[Threshold] = "0.1";
        configuration["ModelMonitoring:Models:m:Thresholds:error_rate:Min"] = "0.5";
        configuration.Reload();
        await CloseWindowWithHalfErrorsAsync(test);

        test.Channel.Alerts.ShouldBeEmpty();
        test.Pipeline.GetStatistics().ConfigurationReloadsRejected.ShouldBe(1);
        test.Logs.Lines.ShouldContain(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("[110]", StringComparison.Ordinal) && l.Contains("Min (0.5) must not exceed Max (0.1)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RuleAddedByAChange_Fires_AndAnUnknownKeyInALaterChange_IsRefused()
    {
        var configuration = Configuration();
        await using var test = Create(configuration);

        configuration["ModelMonitoring:Alerting:Rules:0:Name"] = "errors-high";
        configuration["ModelMonitoring:Alerting:Rules:0:Metric"] = "error_rate";
        configuration["ModelMonitoring:Alerting:Rules:0:Value"] = "0.3";
        configuration.Reload();
        await CloseWindowWithHalfErrorsAsync(test);
        configuration["ModelMonitoring:Alerting:Rules:0:Valu"] = "0.3";
        configuration.Reload();

        test.Channel.Alerts.ShouldHaveSingleItem().Name.ShouldBe("errors-high");
        test.Pipeline.GetStatistics().ConfigurationReloadsRejected.ShouldBe(1);
    }

    [Fact]
    public async Task SilenceAddedByAChange_WithholdsTheNotification()
    {
        var configuration = Configuration();
        await using var test = Create(configuration);

        configuration[Threshold] = "0.1";
        configuration["ModelMonitoring:Alerting:Silences:0:AlertName"] = "threshold.*";
        configuration["ModelMonitoring:Alerting:Silences:0:StartsAt"] = "2026-01-01T00:00:00Z";
        configuration["ModelMonitoring:Alerting:Silences:0:EndsAt"] = "2026-01-02T00:00:00Z";
        configuration.Reload();
        await CloseWindowWithHalfErrorsAsync(test);

        test.Channel.Alerts.ShouldBeEmpty();
        test.Pipeline.GetStatistics().NotificationsSilenced.ShouldBe(1);
        (await test.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldHaveSingleItem().Name.ShouldBe("threshold.error_rate");
    }

    [Fact]
    public async Task RouteChangedByAChange_SendsTheSeverityToTheNamedChannelsOnly()
    {
        var configuration = Configuration();
        await using var test = Create(configuration);

        configuration[Threshold] = "0.1";
        configuration["ModelMonitoring:Alerting:Routes:Warning:0"] = "logger";
        configuration.Reload();
        await CloseWindowWithHalfErrorsAsync(test);

        test.Channel.Alerts.ShouldBeEmpty();
        (await test.Pipeline.Alerts.GetActiveAlertsAsync()).ShouldHaveSingleItem().NotifiedChannels.ShouldBe(["logger"]);
    }

    [Fact]
    public async Task RouteToAnUnregisteredChannel_IsRefused()
    {
        var configuration = Configuration();
        await using var test = Create(configuration);

        configuration[Threshold] = "0.1";
        configuration["ModelMonitoring:Alerting:Routes:Warning:0"] = "pager";
        configuration.Reload();
        await CloseWindowWithHalfErrorsAsync(test);

        test.Channel.Alerts.ShouldBeEmpty();
        test.Pipeline.GetStatistics().ConfigurationReloadsRejected.ShouldBe(1);
        test.Logs.Lines.ShouldContain(l => l.Contains("'pager' is not a registered alert channel", StringComparison.Ordinal));
    }
}
