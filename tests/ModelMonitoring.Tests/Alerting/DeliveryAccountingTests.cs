using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Alerting;

public sealed class DeliveryAccountingTests
{
    [Fact]
    public async Task FailingChannel_IsCountedAndLogged_WhileTheOtherChannelDelivers()
    {
        await using var test = TestPipeline.Create(
            o => o.AddModel("m", m => m.NumericFeatures("x").Threshold(WindowMetricNames.ErrorRate, t => t.Max = 0.1)),
            b => b.AddAlertChannel(new FailingChannel()));
        test.Pipeline.GetMonitor("m").RecordPrediction(new Prediction { NumericFeatures = [1], Status = PredictionStatus.Error });

        test.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        var statistics = test.Pipeline.GetStatistics();
        statistics.Channels.Single(c => c.Channel == "failing").ShouldBe(new ChannelStatistics("failing", Delivered: 0, Failed: 1, Dropped: 0));
        statistics.Channels.Single(c => c.Channel == "recording").Delivered.ShouldBe(1);
        test.Channel.Alerts.ShouldHaveSingleItem();
        test.Logs.Lines.ShouldContain(m => m.Contains("Alert channel failing failed to deliver alert threshold.error_rate", StringComparison.Ordinal));
    }

    private sealed class FailingChannel : IAlertChannel
    {
        public string Name => "failing";

        public ValueTask SendAsync(Alert alert, CancellationToken cancellationToken) =>
            throw new AlertDeliveryException(Name, "HTTP 500", isPermanent: false);
    }
}
