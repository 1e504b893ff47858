using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Recording;

public class ModelMonitorTests
{
    private static TestPipeline Create(int capacity = 1024) => TestPipeline.Create(o =>
    {
        o.BufferCapacity = capacity;
        o.AddModel("fraud", m => m.Version("1.4.0").Environment("production").NumericFeatures("amount", "age").CategoricalFeatures("country"));
    });

    private static PredictionId Record(IModelMonitor monitor, double amount = 10, double age = 30, string? country = "NL", double? confidence = 0.9, TimeSpan? latency = null) =>
        monitor.RecordPrediction(new Prediction
        {
            NumericFeatures = [amount, age],
            CategoricalFeatures = [country],
            Latency = latency ?? TimeSpan.FromMilliseconds(5),
            PredictedClass = "legit",
            Confidence = confidence,
        });

    [Fact]
    public async Task RecordPrediction_Valid_ReturnsDistinctNonEmptyIdsAndIsStored()
    {
        await using var test = Create();
        var monitor = test.Pipeline.GetMonitor("fraud");

        var ids = Enumerable.Range(0, 100).Select(i => Record(monitor, amount: i)).ToList();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        ids.ShouldAllBe(id => !id.IsEmpty);
        ids.Distinct().Count().ShouldBe(100);
        test.Sink.Predictions.Select(p => p.Id).ShouldBe(ids, ignoreOrder: true);
        var first = test.Sink.Predictions.Single(p => p.Id == ids[7]);
        first.NumericFeatures.ToArray().ShouldBe([7.0, 30.0]);
        first.CategoricalFeatures.ToArray().ShouldBe(["NL"]);
        first.Timestamp.ShouldBe(test.Clock.GetUtcNow());
        first.Latency.ShouldBe(TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public async Task RecordPrediction_WithoutTimestamp_GetsTheCachedTimeWithinTheResolution()
    {
        await using var test = TestPipeline.Create(o =>
        {
            o.TimestampResolution = TimeSpan.FromMilliseconds(10);
            o.AddModel("m", m => m.NumericFeatures("a"));
        });
        var start = test.Clock.GetUtcNow();
        // The fake clock runs a timer's callback at the end of the advance that passes its due time, so the clock
        // refreshes at 20 ms and the next 5 ms stay within its resolution.
        test.Clock.Advance(TimeSpan.FromMilliseconds(20));
        test.Clock.Advance(TimeSpan.FromMilliseconds(5));

        test.Pipeline.GetMonitor("m").RecordPrediction(new Prediction { NumericFeatures = [1] });
        await test.Pipeline.FlushAsync();

        test.Sink.Predictions.Single().Timestamp.ShouldBe(start.AddMilliseconds(20));
    }

    [Fact]
    public async Task RecordPrediction_SuppliedIdAndTimestamp_AreKept()
    {
        await using var test = Create();
        var id = PredictionId.FromGuid(Guid.NewGuid());
        var at = new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.FromHours(2)); // a day before the fake clock: within MaxLateness

        var returned = test.Pipeline.GetMonitor("fraud").RecordPrediction(new Prediction
        {
            Id = id, Timestamp = at, NumericFeatures = [1, 2], CategoricalFeatures = [null], InputHash = 42, Segment = "eu", PredictedValue = 3.5,
            Status = PredictionStatus.Error, ErrorKind = "TimeoutException",
        });
        await test.Pipeline.FlushAsync();

        returned.ShouldBe(id);
        var stored = test.Sink.Predictions.Single();
        stored.Id.ShouldBe(id);
        stored.Timestamp.ShouldBe(at);
        stored.InputHash.ShouldBe(42UL);
        stored.Segment.ShouldBe("eu");
        stored.PredictedValue.ShouldBe(3.5);
        stored.Confidence.ShouldBeNull();
        stored.Status.ShouldBe(PredictionStatus.Error);
        stored.ErrorKind.ShouldBe("TimeoutException");
        stored.CategoricalFeatures.ToArray().ShouldBe([null]);
    }

    [Fact]
    public async Task RecordPrediction_EachOptionalValueAlone_IsStoredAndNothingElseIs()
    {
        await using var test = TestPipeline.Create(o => o.AddModel("m", m => m.NumericFeatures("a")));
        var monitor = test.Pipeline.GetMonitor("m");
        var id = new PredictionId(7, 9);
        var at = new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.Zero);

        var ids = new[]
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [1], Id = id }),
            monitor.RecordPrediction(new Prediction { NumericFeatures = [2], Timestamp = at }),
            monitor.RecordPrediction(new Prediction { NumericFeatures = [3], InputHash = 0 }),
            monitor.RecordPrediction(new Prediction { NumericFeatures = [4], Segment = "eu" }),
            monitor.RecordPrediction(new Prediction { NumericFeatures = [5], ErrorKind = "Timeout" }),
            monitor.RecordPrediction(new Prediction { NumericFeatures = [6], PredictedValue = 0 }),
            monitor.RecordPrediction(new Prediction { NumericFeatures = [7], Confidence = 0 }),
            monitor.RecordPrediction(new Prediction { NumericFeatures = [8], Id = PredictionId.Empty, PredictedValue = null, Timestamp = null }),
        };
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        ids.ShouldAllBe(i => !i.IsEmpty);
        ids[0].ShouldBe(id);
        var stored = test.Sink.Predictions.OrderBy(p => p.NumericFeatures.Span[0]).ToArray();
        stored.Select(p => p.Id).ShouldBe(ids);
        stored.Select(p => p.Timestamp == at).ShouldBe([false, true, false, false, false, false, false, false]);
        stored.Select(p => p.InputHash).ShouldBe([null, null, 0UL, null, null, null, null, null]);
        stored.Select(p => p.Segment).ShouldBe([null, null, null, "eu", null, null, null, null]);
        stored.Select(p => p.ErrorKind).ShouldBe([null, null, null, null, "Timeout", null, null, null]);
        stored.Select(p => p.PredictedValue).ShouldBe([null, null, null, null, null, 0.0, null, null]);
        stored.Select(p => p.Confidence).ShouldBe([null, null, null, null, null, null, 0.0, null]);
        stored.ShouldAllBe(p => p.Status == PredictionStatus.Success && p.PredictedClass == null);
    }

    [Fact]
    public async Task RecordPrediction_UndefinedStatus_IsRejectedAsInvalid()
    {
        await using var test = Create();

        var id = test.Pipeline.GetMonitor("fraud").RecordPrediction(new Prediction { NumericFeatures = [1, 2], CategoricalFeatures = ["NL"], Status = (PredictionStatus)2 });
        await test.Pipeline.FlushAsync();

        id.IsEmpty.ShouldBeTrue();
        test.Pipeline.GetStatistics().GetDropped(DropReason.InvalidValue).ShouldBe(1);
        test.Sink.Predictions.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public async Task RecordPrediction_PredictedValueNotFinite_IsRejectedAsInvalid(double value)
    {
        await using var test = Create();

        var id = test.Pipeline.GetMonitor("fraud").RecordPrediction(new Prediction { NumericFeatures = [1, 2], CategoricalFeatures = ["NL"], PredictedValue = value });
        await test.Pipeline.FlushAsync();

        id.IsEmpty.ShouldBeTrue();
        test.Pipeline.GetStatistics().GetDropped(DropReason.InvalidValue).ShouldBe(1);
    }

    [Fact]
    public async Task RecordPrediction_ManyClassLabels_EachIsStoredAsRecorded()
    {
        await using var test = Create();
        var monitor = test.Pipeline.GetMonitor("fraud");
        string?[] labels = [.. Enumerable.Range(0, 200).Select(i => $"class_{i % 100}"), string.Empty, null, new string("class_7".AsSpan())];

        var ids = labels.Select(label => monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2], CategoricalFeatures = ["NL"], PredictedClass = label })).ToList();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        var stored = test.Sink.Predictions.ToDictionary(p => p.Id, p => p.PredictedClass);
        ids.Select(id => stored[id]).ShouldBe(labels);
    }

    [Fact]
    public async Task RecordPrediction_LabelsAsCodesAndAsReferences_AreStoredAsRecorded()
    {
        // A numeric-only model takes the fast path, where labels become per-shard codes; the 17th
        // distinct instance and later ones no longer fit the table and are stored as references.
        await using var test = TestPipeline.Create(o => o.AddModel("m", m => m.NumericFeatures("a", "b", "c", "d")));
        var monitor = test.Pipeline.GetMonitor("m");
        var stable = Enumerable.Range(0, 3).Select(i => $"stable {i}").ToArray();
        var labels = Enumerable.Range(0, 300).Select(i => i % 10 == 9 ? $"fresh {i}" : i % 7 == 0 ? null : stable[i % 3]).ToArray();

        var ids = labels.Select((label, i) => monitor.RecordPrediction(new Prediction { NumericFeatures = [i, 0, 0, 0], PredictedClass = label })).ToList();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        ids.ShouldAllBe(id => !id.IsEmpty);
        var stored = test.Sink.Predictions.ToDictionary(p => p.Id, p => p.PredictedClass);
        ids.Select(id => stored[id]).ShouldBe(labels);
    }

    [Fact]
    public async Task RecordPrediction_FeatureCountNotAMultipleOfFour_CopiesEveryValue()
    {
        await using var test = TestPipeline.Create(o => o.AddModel("m", m => m.NumericFeatures("a", "b", "c", "d", "e", "f", "g")));

        test.Pipeline.GetMonitor("m").RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4, 5, 6, 7] });
        await test.Pipeline.FlushAsync();

        test.Sink.Predictions.Single().NumericFeatures.ToArray().ShouldBe([1.0, 2, 3, 4, 5, 6, 7]);
    }

    [Theory]
    [InlineData(double.NegativeInfinity, 1.0, DropReason.InvalidValue)]
    [InlineData(double.PositiveInfinity, 1.0, DropReason.InvalidValue)]
    [InlineData(1.0, double.NegativeInfinity, DropReason.InvalidValue)]
    [InlineData(1.0, 1.5, DropReason.InvalidValue)]
    [InlineData(1.0, -0.1, DropReason.InvalidValue)]
    public async Task RecordPrediction_InvalidValue_IsRejectedAndCounted(double amount, double confidence, DropReason reason)
    {
        await using var test = Create();

        var id = Record(test.Pipeline.GetMonitor("fraud"), amount: amount, confidence: confidence);
        await test.Pipeline.FlushAsync();

        id.IsEmpty.ShouldBeTrue();
        test.Pipeline.GetStatistics().GetDropped(reason).ShouldBe(1);
        test.Sink.Predictions.ShouldBeEmpty();
    }

    [Fact]
    public async Task RecordPrediction_NegativeLatencyOrWrongFeatureCount_IsRejectedAndCounted()
    {
        await using var test = Create();
        var monitor = test.Pipeline.GetMonitor("fraud");

        Record(monitor, latency: TimeSpan.FromTicks(-1)).IsEmpty.ShouldBeTrue();
        monitor.RecordPrediction(new Prediction { NumericFeatures = [1], CategoricalFeatures = ["NL"] }).IsEmpty.ShouldBeTrue();
        monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3], CategoricalFeatures = ["NL"] }).IsEmpty.ShouldBeTrue();
        monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2] }).IsEmpty.ShouldBeTrue();

        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(DropReason.InvalidValue).ShouldBe(1);
        statistics.GetDropped(DropReason.SchemaMismatch).ShouldBe(3);
        statistics.Received.ShouldBe(4);
    }

    [Fact]
    public async Task UnknownModel_EveryRecordIsRejectedCountedAndLoggedOnce()
    {
        await using var test = Create();
        var unknown = test.Pipeline.GetMonitor("nope");

        unknown.RecordPrediction(new Prediction { NumericFeatures = [1, 2] }).IsEmpty.ShouldBeTrue();
        unknown.RecordMetric("x", 1).ShouldBeFalse();
        test.Pipeline.GetMonitor("nope").RecordGroundTruth(new PredictionId(1, 1), "a").ShouldBeFalse();

        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(DropReason.UnknownModel).ShouldBe(3);
        statistics.Received.ShouldBe(3);
        test.Logs.Lines.Count(l => l.Contains("'nope'", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task BufferFull_ExcessRecordsAreDroppedAndCounted()
    {
        await using var test = Create(capacity: 16);
        var monitor = test.Pipeline.GetMonitor("fraud");

        // A hung sink holds the worker inside its first write, so the 16-slot buffer must fill.
        test.Sink.Hang = true;
        var received = 0;
        var accepted = 0;
        while (test.Pipeline.GetStatistics().GetDropped(DropReason.BufferFull) < 10 && received < 1_000_000)
        {
            received++;
            accepted += Record(monitor).IsEmpty ? 0 : 1;
        }

        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(DropReason.BufferFull).ShouldBe(received - accepted);
        statistics.GetDropped(DropReason.BufferFull).ShouldBeGreaterThanOrEqualTo(10);
        test.Sink.ReleaseHang();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        statistics = test.Pipeline.GetStatistics();
        statistics.Stored.ShouldBe(accepted);
        statistics.Buffered.ShouldBe(0);
        test.Sink.Predictions.Count.ShouldBe(accepted);
    }

    [Fact]
    public async Task AfterDispose_RecordsAreRejectedAsDisposed()
    {
        var test = Create();
        var monitor = test.Pipeline.GetMonitor("fraud");
        await test.DisposeAsync();

        Record(monitor).IsEmpty.ShouldBeTrue();
        monitor.RecordGroundTruth(new PredictionId(1, 2), "fraud").ShouldBeFalse();
        monitor.RecordMetric("queue_depth", 3).ShouldBeFalse();
        monitor.RecordHealthCheck(ModelHealthStatus.Healthy, 1).ShouldBeFalse();

        test.Pipeline.GetStatistics().GetDropped(DropReason.Disposed).ShouldBe(4);
    }

    [Fact]
    public async Task OtherRecords_InvalidInputIsRejectedAndValidInputStored()
    {
        await using var test = Create();
        var monitor = test.Pipeline.GetMonitor("fraud");
        var metadata = new Dictionary<string, string> { ["host"] = "a" };

        monitor.RecordMetric("queue_depth", 3, "items", metadata).ShouldBeTrue();
        monitor.RecordMetric("bad name", 3).ShouldBeFalse();
        monitor.RecordMetric("nan", double.NaN).ShouldBeFalse();
        monitor.RecordHealthCheck(ModelHealthStatus.Degraded, 0.5, ["slow"]).ShouldBeTrue();
        monitor.RecordHealthCheck(ModelHealthStatus.Healthy, 1.5).ShouldBeFalse();
        monitor.RecordGroundTruth(PredictionId.Empty, "x").ShouldBeFalse();
        monitor.RecordGroundTruth(new PredictionId(1, 2), double.NaN).ShouldBeFalse();
        monitor.RecordGroundTruth(new PredictionId(1, 2), 4.0).ShouldBeTrue();
        await test.Pipeline.FlushAsync();

        test.Sink.Metrics.ShouldContain(m => m.Name == "queue_depth" && m.Value == 3 && m.Unit == "items" && m.Metadata!.Count == 1 && m.Metadata["host"] == "a" && m.WindowStart == null);
        test.Sink.HealthChecks.Single().Issues.ShouldBe(["slow"]);
        test.Sink.GroundTruths.Single().ActualValue.ShouldBe(4.0);
        test.Pipeline.GetStatistics().GetDropped(DropReason.InvalidValue).ShouldBe(5);
    }
}
