using ModelMonitoring.Alerting;
using ModelMonitoring.Drift;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Aggregation;

/// <summary>Data quality end to end: NaN recorded as missing becomes quality metrics in the sink, and a threshold on them alerts through the alert manager.</summary>
public class FeatureQualityPipelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ThresholdOnMissingShare_RaisesAnAlertThroughTheAlertManager()
    {
        await using var test = TestPipeline.Create(
            o =>
            {
                o.AggregationWindow = TimeSpan.FromMinutes(1);
                o.FlushInterval = TimeSpan.FromSeconds(1);
                o.AddModel("m", m => m
                    .NumericFeatures("amount", "age")
                    .CategoricalFeatures("country")
                    .Threshold("quality.amount.missing_share", t => { t.Max = 0.1; t.Severity = AlertSeverity.Critical; })
                    .Drift(d =>
                    {
                        d.Reference = ReferenceProfile.Create(
                            new Dictionary<string, double[]> { ["amount"] = [0, 30, 70, 100], ["age"] = [18, 40, 90, 50] },
                            new Dictionary<string, string[]> { ["country"] = ["NL", "BE", "NL", "BE"] });
                        d.CheckInterval = TimeSpan.FromHours(1);
                    }));
            },
            clock: new FakeTimeProvider(Start));
        var monitor = test.Pipeline.GetMonitor("m");
        for (var i = 0; i < 20; i++)
        {
            var amount = i % 4 == 0 ? double.NaN : i * 10; // 5 of 20 missing; 110..190 outside [0, 100]
            monitor.RecordPrediction(new Prediction { NumericFeatures = [amount, 30], CategoricalFeatures = [i % 5 == 0 ? "XX" : "NL"] });
        }

        test.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        test.Sink.Predictions.Count.ShouldBe(20);
        var values = test.Sink.Metrics.Where(m => m.WindowStart == Start).ToDictionary(m => m.Name, m => m.Value);
        values["quality.amount.missing_share"].ShouldBe(0.25);
        values["quality.amount.out_of_range_share"].ShouldBe(7.0 / 15); // 110, 130, 140, 150, 170, 180 and 190 of the 15 values
        values["quality.age.constant"].ShouldBe(1);
        values["quality.country.new_category_share"].ShouldBe(0.2);
        var alert = test.Channel.Alerts.ShouldHaveSingleItem();
        (alert.Name, alert.State, alert.Severity, alert.Value).ShouldBe(("threshold.quality.amount.missing_share", AlertState.Firing, AlertSeverity.Critical, (double?)0.25));
    }
}
