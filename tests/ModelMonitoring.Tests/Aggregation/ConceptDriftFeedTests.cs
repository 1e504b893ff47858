using ModelMonitoring.Aggregation;
using ModelMonitoring.Alerting;
using ModelMonitoring.Drift.Streaming;
using ModelMonitoring.Internal;
using ModelMonitoring.Recording;
using ModelMonitoring.Storage;

namespace ModelMonitoring.Tests.Aggregation;

/// <summary>The window aggregator feeding each joined label's error to the model's streaming detectors.</summary>
public sealed class ConceptDriftFeedTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly ModelSchema Schema = new("m", "1", "test", ["x"], []);

    private static WindowAggregator Create(params StreamingDetectorOptions[] detectors) =>
        new(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), 10_000, new ThresholdEvaluator(Schema, []), "m")
        {
            ConceptDrift = [.. detectors.Select(d => new ConceptDriftWatch(Schema, d))],
        };

    private static PredictionId Predict(WindowAggregator aggregator, int i, string? predictedClass = "yes", double? predictedValue = null)
    {
        var id = new PredictionId(1, (ulong)i);
        aggregator.Observe(new PredictionRecord { Id = id, Timestamp = Now, PredictedClass = predictedClass, PredictedValue = predictedValue, NumericFeatures = new double[] { 1 } });
        return id;
    }

    [Fact]
    public void ObserveLabel_WithStreamingDetectors_AllocatesNothing()
    {
        var aggregator = Create(new StreamingDetectorOptions("ddm"), new StreamingDetectorOptions("kswin") { Kind = StreamingDetectorKind.Kswin });
        var ids = Enumerable.Range(0, 4000).Select(i => Predict(aggregator, i)).ToArray();
        var labels = ids.Select((id, i) => new GroundTruthRecord { PredictionId = id, Timestamp = Now, ActualClass = i % 10 == 0 ? "no" : "yes" }).ToArray();
        for (var i = 0; i < 2000; i++)
        {
            aggregator.Observe(labels[i]); // warm up: JIT, the detectors' windows filled
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 2000; i < 4000; i++)
        {
            aggregator.Observe(labels[i]);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.ShouldBe(0);
        var alerts = new List<Alert>();
        aggregator.CloseWindows(Now.AddMinutes(2), all: false, new ArrayBuilder<MetricRecord>(16), alerts);
        alerts.ShouldNotContain(a => a.State == AlertState.Firing); // the stream is stationary: nothing detected, nothing allocated for it
    }

    [Fact]
    public void ObserveLabel_FeedsErrorDetectorsClassLabelsAndAbsoluteErrorDetectorsValueLabels()
    {
        var errors = new RecordingDetector();
        var absolute = new RecordingDetector();
        var aggregator = Create(
            new StreamingDetectorOptions("errors") { Factory = () => errors },
            new StreamingDetectorOptions("absolute") { Factory = () => absolute, Stream = StreamingDetectorStream.AbsoluteError });
        var right = Predict(aggregator, 0);
        var wrong = Predict(aggregator, 1);
        var value = Predict(aggregator, 2, predictedClass: null, predictedValue: 3);

        aggregator.Observe(new GroundTruthRecord { PredictionId = wrong, Timestamp = Now, ActualClass = "no" });
        aggregator.Observe(new GroundTruthRecord { PredictionId = right, Timestamp = Now.AddHours(1), ActualClass = "yes" }); // no window takes it: still read
        aggregator.Observe(new GroundTruthRecord { PredictionId = value, Timestamp = Now, ActualValue = 1.5 });
        aggregator.Observe(new GroundTruthRecord { PredictionId = new PredictionId(9, 9), Timestamp = Now, ActualClass = "no" }); // unknown prediction

        errors.Values.ShouldBe([1, 0]);
        absolute.Values.ShouldBe([1.5]);
    }

    private sealed class RecordingDetector : IStreamingDriftDetector
    {
        public List<double> Values { get; } = [];

        public bool DriftDetected => false;

        public bool WarningDetected => false;

        public void Update(double value) => Values.Add(value);

        public void Reset() => Values.Clear();
    }
}
