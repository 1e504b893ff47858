using Microsoft.Extensions.Options;
using ModelMonitoring.Aggregation;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Recording;

public class RecordingLimitsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly string AtCap = new('a', 256);
    private static readonly string OverCap = new('b', 257);
    private static readonly string OneMegabyte = new('c', 1 << 20);

    private static TestPipeline Create(Action<ModelMonitoringOptions>? configure = null) => TestPipeline.Create(
        o =>
        {
            o.AddModel("m", m => m.NumericFeatures("x").CategoricalFeatures("country"));
            configure?.Invoke(o);
        },
        clock: new FakeTimeProvider(Start));

    private static PredictionId Record(IModelMonitor monitor, string? label = "legit", string? country = "NL", string? errorKind = null, string? segment = null) =>
        monitor.RecordPrediction(new Prediction
        {
            NumericFeatures = [1],
            CategoricalFeatures = [country],
            PredictedClass = label,
            ErrorKind = errorKind,
            Segment = segment,
        });

    [Fact]
    public async Task Record_AStringOverMaxLabelLength_IsRejectedWholeAsLimitExceeded_AndAStringAtTheCapIsStored()
    {
        // Arrange
        await using var test = Create();
        var monitor = test.Pipeline.GetMonitor("m");
        var id = Record(monitor);

        // Act
        var rejected = new[]
        {
            Record(monitor, label: OneMegabyte).IsEmpty,
            Record(monitor, label: OverCap).IsEmpty,
            Record(monitor, country: OverCap).IsEmpty,
            Record(monitor, errorKind: OverCap).IsEmpty,
            Record(monitor, segment: OverCap).IsEmpty,
            !monitor.RecordGroundTruth(id, OverCap),
            !monitor.RecordMetric("latency", 1, unit: OverCap),
            !monitor.RecordMetric("latency", 1, metadata: new Dictionary<string, string> { [OverCap] = "v" }),
        };
        var accepted = Record(monitor, label: AtCap, country: AtCap, errorKind: AtCap, segment: AtCap);
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        // Assert
        rejected.ShouldAllBe(r => r);
        accepted.IsEmpty.ShouldBeFalse();
        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(DropReason.LimitExceeded).ShouldBe(rejected.Length);
        statistics.Stored.ShouldBe(2);
        (statistics.Stored + statistics.Buffered + statistics.Dropped).ShouldBe(statistics.Received);
        test.Sink.Predictions.Select(p => p.PredictedClass).ShouldBe(["legit", AtCap], ignoreOrder: true);
        test.Sink.GroundTruths.ShouldBeEmpty();
        test.Sink.Metrics.Where(m => m.WindowStart is null).ShouldBeEmpty();
    }

    [Fact]
    public async Task Record_ALabelOverTheCapOnAThreadThatAlreadyCodesOthers_IsStillRejected()
    {
        // Arrange: the fast path takes labels its shard already knows, so the new one must reach the check.
        await using var test = TestPipeline.Create(o => o.AddModel("m", m => m.NumericFeatures("a", "b", "c", "d")));
        var monitor = test.Pipeline.GetMonitor("m");
        var known = "legit";
        for (var i = 0; i < 10; i++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4], PredictedClass = known }).IsEmpty.ShouldBeFalse();
        }

        // Act
        var id = monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4], PredictedClass = OneMegabyte });
        var again = monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4], PredictedClass = OneMegabyte });

        // Assert
        id.IsEmpty.ShouldBeTrue();
        again.IsEmpty.ShouldBeTrue();
        test.Pipeline.GetStatistics().GetDropped(DropReason.LimitExceeded).ShouldBe(2);
    }

    [Fact]
    public async Task WindowMetrics_MoreDistinctClassesThanTheCap_ExtraClassesShareOneOtherMetric_AndAreCounted()
    {
        // Arrange
        await using var test = Create(o =>
        {
            o.AggregationWindow = TimeSpan.FromMinutes(1);
            o.Limits.MaxDistinctClassLabels = 3;
        });
        var monitor = test.Pipeline.GetMonitor("m");

        // Act: classes c0..c9, c0 most often; the window tracks the first three it sees.
        for (var i = 0; i < 10; i++)
        {
            for (var n = 0; n < (i == 0 ? 11 : 1); n++)
            {
                Record(monitor, label: "c" + i).IsEmpty.ShouldBeFalse();
            }
        }

        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        test.Clock.Advance(TimeSpan.FromMinutes(2));
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        // Assert
        var shares = test.Sink.Metrics
            .Where(m => m.WindowStart == Start && m.Name.StartsWith(WindowMetricNames.ClassSharePrefix, StringComparison.Ordinal))
            .ToDictionary(m => m.Name[WindowMetricNames.ClassSharePrefix.Length..], m => m.Value);
        shares.Keys.ShouldBe(["c0", "c1", "c2", RecordingLimits.OtherValue], ignoreOrder: true);
        shares[RecordingLimits.OtherValue].ShouldBe(7 / 20.0, 1e-12);
        test.Sink.Metrics.Single(m => m.WindowStart == Start && m.Name == WindowMetricNames.ClassBias).Value.ShouldBe(11 / 20.0, 1e-12);
        test.Pipeline.GetStatistics().GroupedAsOther.ShouldBe(7);
        test.Sink.Predictions.Select(p => p.PredictedClass).Distinct().Count().ShouldBe(10);
    }

    [Fact]
    public async Task DriftWindow_MoreDistinctCategoricalValuesThanTheCap_ExtraValuesAreHeldAsOther_AndCounted()
    {
        // Arrange
        await using var test = TestPipeline.Create(
            o =>
            {
                o.Limits.MaxDistinctCategoricalValues = 5;
                o.AddModel("m", m => m.NumericFeatures("x").CategoricalFeatures("user").Drift(d =>
                {
                    d.WindowSize = 500;
                    d.MinimumRows = 100;
                }));
            },
            clock: new FakeTimeProvider(Start));
        var monitor = test.Pipeline.GetMonitor("m");

        // Act
        for (var i = 0; i < 100; i++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [i], CategoricalFeatures = ["user-" + i] }).IsEmpty.ShouldBeFalse();
        }

        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        // Assert
        test.Pipeline.GetStatistics().GroupedAsOther.ShouldBe(95);
        test.Sink.Predictions.Select(p => p.CategoricalFeatures.Span[0]).Distinct().Count().ShouldBe(100);
    }

    [Fact]
    public void Limits_OutOfRange_FailAtStartup_NamingEachSetting()
    {
        var failure = Should.Throw<OptionsValidationException>(() => TestPipeline.Create(o =>
        {
            o.AddModel("m", m => m.NumericFeatures("x").Version(new string('1', 129)));
            o.Limits.MaxLabelLength = 0;
            o.Limits.MaxTextLength = 1_000_000;
            o.Limits.MaxMetadataEntries = -1;
            o.Limits.MaxHealthCheckIssues = 5_000;
            o.Limits.MaxDistinctClassLabels = 0;
            o.Limits.MaxDistinctCategoricalValues = 0;
        }));

        failure.Message.ShouldContain("ModelMonitoringOptions.Limits.MaxLabelLength: 0 is not allowed; use a value from 1 to 4,096.");
        foreach (var setting in new[] { "MaxTextLength", "MaxMetadataEntries", "MaxHealthCheckIssues", "MaxDistinctClassLabels", "MaxDistinctCategoricalValues" })
        {
            failure.Message.ShouldContain($"ModelMonitoringOptions.Limits.{setting}:");
        }

        failure.Message.ShouldContain("version or environment of 129 characters is not allowed");
    }
}
