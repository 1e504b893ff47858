using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Recording;

/// <summary>
/// Text no store can keep as it is (a NUL character, which PostgreSQL's text refuses and so fails the whole batch; an
/// unpaired surrogate, which has no UTF-8 form) is refused where it is recorded and counted as an invalid value.
/// </summary>
public sealed class StorableTextTests
{
    // Built in code: an attribute argument holding a lone surrogate is compiled to U+FFFD.
    public static TheoryData<string, bool> Texts() => new()
    {
        { "fraud", true },
        { "", true },
        { "日本語 🚀", true },
        { "a\0b", false },
        { "\0", false },
        { "lone " + (char)0xD800, false },
        { (char)0xDC00 + " low first", false },
        { new string([(char)0xDE80, (char)0xD83D]), false },
        { "pair 🚀 then lone " + (char)0xD83D, false },
    };

    [Theory]
    [MemberData(nameof(Texts), DisableDiscoveryEnumeration = true)]
    public void IsStorable(string text, bool storable) => StorableText.IsStorable(text).ShouldBe(storable);

    [Fact]
    public async Task EveryRecordingCall_RefusesUnstorableText_AsAnInvalidValue_AndAcceptsTheSameCallWithoutIt()
    {
        await using var test = TestPipeline.Create(o => o.AddModel("m", m => m.NumericFeatures("x").CategoricalFeatures("c")));
        var monitor = test.Pipeline.GetMonitor("m");
        var id = monitor.RecordPrediction(new Prediction { NumericFeatures = [1], CategoricalFeatures = ["a"], PredictedClass = "ok" });
        id.IsEmpty.ShouldBeFalse();

        monitor.RecordPrediction(new Prediction { NumericFeatures = [1], CategoricalFeatures = ["a"], PredictedClass = "o\0k" }).IsEmpty.ShouldBeTrue();
        monitor.RecordPrediction(new Prediction { NumericFeatures = [1], CategoricalFeatures = [((char)0xD800).ToString()] }).IsEmpty.ShouldBeTrue();
        monitor.RecordPrediction(new Prediction { NumericFeatures = [1], CategoricalFeatures = ["a"], Segment = "\0" }).IsEmpty.ShouldBeTrue();
        monitor.RecordPrediction(new Prediction { NumericFeatures = [1], CategoricalFeatures = ["a"], Status = PredictionStatus.Error, ErrorKind = "x\0" }).IsEmpty.ShouldBeTrue();
        monitor.RecordGroundTruth(id, "o\0k").ShouldBeFalse();
        monitor.RecordMetric("m.custom", 1, unit: "m\0s").ShouldBeFalse();
        monitor.RecordMetric("m.custom", 1, metadata: new Dictionary<string, string> { ["k"] = ((char)0xDBFF).ToString() }).ShouldBeFalse();
        monitor.RecordMetric("m.custom", 1, metadata: new Dictionary<string, string> { ["k\0"] = "v" }).ShouldBeFalse();
        monitor.RecordHealthCheck(ModelHealthStatus.Degraded, 0.5, ["slow\0"]).ShouldBeFalse();
        monitor.RecordFeatureImportance("v\0", [1.0, 2.0]).ShouldBeFalse();

        test.Pipeline.GetStatistics().GetDropped(DropReason.InvalidValue).ShouldBe(10);

        monitor.RecordGroundTruth(id, "ok").ShouldBeTrue();
        monitor.RecordMetric("m.custom", 1, unit: "ms", metadata: new Dictionary<string, string> { ["k"] = "🚀" }).ShouldBeTrue();
        monitor.RecordHealthCheck(ModelHealthStatus.Degraded, 0.5, ["slow"]).ShouldBeTrue();
        monitor.RecordFeatureImportance("v1", [1.0, 2.0]).ShouldBeTrue();
        test.Pipeline.GetStatistics().GetDropped(DropReason.InvalidValue).ShouldBe(10);
    }
}
