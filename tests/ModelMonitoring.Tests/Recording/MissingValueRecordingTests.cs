using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Recording;

// NaN numeric features: stored as missing by default, on the fast path (numeric-only, four or more features), the
// slow path (categorical features) and the shared shard; dropped as InvalidValue when the model rejects them.
public sealed class MissingValueRecordingTests
{
    [Fact]
    public async Task RecordPrediction_NaNFeatureOnTheFastPath_IsStoredAsMissing()
    {
        await using var test = TestPipeline.Create(o => o.AddModel("m", m => m.NumericFeatures("a", "b", "c", "d")));

        var id = test.Pipeline.GetMonitor("m").RecordPrediction(new Prediction { NumericFeatures = [1, double.NaN, 3, 4] });
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        id.IsEmpty.ShouldBeFalse();
        var stored = test.Sink.Predictions.Single().NumericFeatures.ToArray();
        stored[0].ShouldBe(1);
        double.IsNaN(stored[1]).ShouldBeTrue();
        stored[2..].ShouldBe([3.0, 4]);
        test.Pipeline.GetStatistics().GetDropped(DropReason.InvalidValue).ShouldBe(0);
    }

    [Fact]
    public async Task RecordPrediction_NaNFeatureAndNullCategoryOnTheSlowPath_AreStoredAsMissing()
    {
        await using var test = TestPipeline.Create(o => o.AddModel("m", m => m.NumericFeatures("a", "b").CategoricalFeatures("country")));

        test.Pipeline.GetMonitor("m").RecordPrediction(new Prediction { NumericFeatures = [double.NaN, 2], CategoricalFeatures = [null], Segment = "s" });
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        var stored = test.Sink.Predictions.Single();
        double.IsNaN(stored.NumericFeatures.Span[0]).ShouldBeTrue();
        stored.NumericFeatures.Span[1].ShouldBe(2);
        stored.CategoricalFeatures.Span[0].ShouldBeNull();
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public async Task RecordPrediction_InfiniteFeature_IsStillRejectedWhenMissingValuesCount(double infinity)
    {
        await using var test = TestPipeline.Create(o =>
        {
            o.AddModel("fast", m => m.NumericFeatures("a", "b", "c", "d"));
            o.AddModel("slow", m => m.NumericFeatures("a").CategoricalFeatures("c"));
        });

        test.Pipeline.GetMonitor("fast").RecordPrediction(new Prediction { NumericFeatures = [1, 2, infinity, 4] }).IsEmpty.ShouldBeTrue();
        test.Pipeline.GetMonitor("slow").RecordPrediction(new Prediction { NumericFeatures = [infinity], CategoricalFeatures = ["x"] }).IsEmpty.ShouldBeTrue();
        await test.Pipeline.FlushAsync();

        test.Pipeline.GetStatistics().GetDropped(DropReason.InvalidValue).ShouldBe(2);
        test.Sink.Predictions.ShouldBeEmpty();
    }

    [Fact]
    public async Task RecordPrediction_ModelRejectsMissingValues_DropsNaNAsInvalidValue()
    {
        await using var test = TestPipeline.Create(o =>
        {
            o.AddModel("fast", m => m.NumericFeatures("a", "b", "c", "d").MissingValues(MissingValueHandling.Reject));
            o.AddModel("slow", m => m.NumericFeatures("a").CategoricalFeatures("c").MissingValues(MissingValueHandling.Reject));
        });

        test.Pipeline.GetMonitor("fast").RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, double.NaN] }).IsEmpty.ShouldBeTrue();
        test.Pipeline.GetMonitor("slow").RecordPrediction(new Prediction { NumericFeatures = [double.NaN], CategoricalFeatures = ["x"] }).IsEmpty.ShouldBeTrue();
        test.Pipeline.GetMonitor("slow").RecordPrediction(new Prediction { NumericFeatures = [1], CategoricalFeatures = [null] }).IsEmpty.ShouldBeFalse();
        await test.Pipeline.FlushAsync();

        test.Pipeline.GetStatistics().GetDropped(DropReason.InvalidValue).ShouldBe(2);
        test.Sink.Predictions.Count.ShouldBe(1);
    }
}
