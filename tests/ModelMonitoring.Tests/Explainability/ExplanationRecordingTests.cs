using ModelMonitoring.Explainability;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Explainability;

public sealed class ExplanationRecordingTests
{
    private static TestPipeline Create() => TestPipeline.Create(o =>
    {
        o.AddModel("fraud", m => m.NumericFeatures("amount", "age").CategoricalFeatures("country"));
        o.AddModel("plain", m => m.NumericFeatures("a", "b", "c", "d"));
    });

    [Fact]
    public async Task RecordAttributions_Later_AreStoredWithThePredictionIdInFeatureOrder()
    {
        await using var test = Create();
        var monitor = test.Pipeline.GetMonitor("fraud");
        var id = monitor.RecordPrediction(new Prediction { NumericFeatures = [10, 30], CategoricalFeatures = ["NL"] });

        monitor.RecordAttributions(id, [0.5, -0.25, 0.125], baseValue: 0.1).ShouldBeTrue();
        monitor.RecordLimeExplanation(id, [1, 2, 3], intercept: -1, score: 0.75).ShouldBeTrue();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        var stored = test.Sink.Explanations;
        stored.Count.ShouldBe(2);
        var shap = stored.Single(e => e.Kind == ExplanationKind.Attributions);
        shap.PredictionId.ShouldBe(id);
        shap.Values.ToArray().ShouldBe([0.5, -0.25, 0.125]);
        shap.BaseValue.ShouldBe(0.1);
        shap.Intercept.ShouldBeNull();
        shap.Timestamp.ShouldBe(test.Clock.GetUtcNow());
        var lime = stored.Single(e => e.Kind == ExplanationKind.Lime);
        lime.Values.ToArray().ShouldBe([1.0, 2.0, 3.0]);
        (lime.BaseValue, lime.Intercept, lime.Score).ShouldBe((null, -1.0, 0.75));
        test.Pipeline.GetStatistics().Stored.ShouldBe(3);
    }

    [Fact]
    public async Task Prediction_WithInlineAttributions_StoresThePredictionAndItsAttributions()
    {
        await using var test = Create();
        var monitor = test.Pipeline.GetMonitor("plain");

        var id = monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4], Attributions = [0.4, 0.3, 0.2, 0.1], AttributionBaseValue = 2 });
        var withoutBase = monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4], Attributions = [4, 3, 2, 1] });
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        test.Sink.Predictions.Select(p => p.Id).ShouldBe([id, withoutBase], ignoreOrder: true);
        var first = test.Sink.Explanations.Single(e => e.PredictionId == id);
        first.Values.ToArray().ShouldBe([0.4, 0.3, 0.2, 0.1]);
        first.BaseValue.ShouldBe(2);
        test.Sink.Explanations.Single(e => e.PredictionId == withoutBase).BaseValue.ShouldBeNull();
        var statistics = test.Pipeline.GetStatistics();
        (statistics.Received, statistics.Stored, statistics.Dropped).ShouldBe((4, 4, 0));
    }

    public static TheoryData<double[], double?, DropReason> InvalidInline => new()
    {
        { [1, 2, 3], null, DropReason.SchemaMismatch },
        { [1, 2, 3, 4, 5], null, DropReason.SchemaMismatch },
        { [1, double.NaN, 3, 4], null, DropReason.InvalidValue },
        { [1, 2, double.PositiveInfinity, 4], null, DropReason.InvalidValue },
        { [1, 2, 3, 4], double.NaN, DropReason.InvalidValue },
        { [], 1.0, DropReason.SchemaMismatch },
    };

    [Theory]
    [MemberData(nameof(InvalidInline))]
    public async Task Prediction_WithInvalidAttributions_IsRejectedAndCountedNotThrown(double[] attributions, double? baseValue, DropReason reason)
    {
        await using var test = Create();
        var monitor = test.Pipeline.GetMonitor("plain");

        var id = monitor.RecordPrediction(new Prediction { NumericFeatures = [1, 2, 3, 4], Attributions = attributions, AttributionBaseValue = baseValue });
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        id.IsEmpty.ShouldBeTrue();
        test.Sink.Predictions.ShouldBeEmpty();
        test.Sink.Explanations.ShouldBeEmpty();
        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(reason).ShouldBe(1);
        (statistics.Received, statistics.Dropped).ShouldBe((1, 1));
    }

    [Fact]
    public async Task RecordAttributionsAndLime_Invalid_AreRejectedAndCountedByReason()
    {
        await using var test = Create();
        var monitor = test.Pipeline.GetMonitor("fraud");
        var id = PredictionId.FromGuid(Guid.NewGuid());

        monitor.RecordAttributions(id, [1, 2]).ShouldBeFalse();
        monitor.RecordAttributions(id, [1, 2, 3, 4]).ShouldBeFalse();
        monitor.RecordLimeExplanation(id, [1], 0, 1).ShouldBeFalse();
        monitor.RecordAttributions(id, [1, double.NaN, 3]).ShouldBeFalse();
        monitor.RecordAttributions(id, [1, 2, 3], double.NegativeInfinity).ShouldBeFalse();
        monitor.RecordAttributions(PredictionId.Empty, [1, 2, 3]).ShouldBeFalse();
        monitor.RecordLimeExplanation(id, [1, 2, 3], double.NaN, 1).ShouldBeFalse();
        monitor.RecordLimeExplanation(id, [1, 2, 3], 0, double.PositiveInfinity).ShouldBeFalse();
        monitor.RecordLimeExplanation(id, [1, 2, double.NaN], 0, 0.5).ShouldBeFalse();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(DropReason.SchemaMismatch).ShouldBe(3);
        statistics.GetDropped(DropReason.InvalidValue).ShouldBe(6);
        (statistics.Received, statistics.Stored).ShouldBe((9, 0));
        test.Sink.Explanations.ShouldBeEmpty();
    }

    [Fact]
    public async Task RecordAttributions_UnknownModelOrAfterDispose_IsCounted()
    {
        var test = Create();
        test.Pipeline.GetMonitor("nope").RecordAttributions(PredictionId.FromGuid(Guid.NewGuid()), [1.0]).ShouldBeFalse();
        var monitor = test.Pipeline.GetMonitor("plain");
        await test.DisposeAsync();

        monitor.RecordAttributions(PredictionId.FromGuid(Guid.NewGuid()), [1, 2, 3, 4]).ShouldBeFalse();
        monitor.RecordLimeExplanation(PredictionId.FromGuid(Guid.NewGuid()), [1, 2, 3, 4], 0, 1).ShouldBeFalse();

        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(DropReason.UnknownModel).ShouldBe(1);
        statistics.GetDropped(DropReason.Disposed).ShouldBe(2);
    }

    [Fact]
    public async Task RecordAttributions_WarmedUp_AllocatesNothing()
    {
        await using var test = TestPipeline.Create(o =>
        {
            o.BufferCapacity = 1 << 16;
            o.MaxBatchSize = 65_536;
            o.AddModel("m", m => m.NumericFeatures("a", "b", "c", "d", "e"));
        });

        var allocated = await Task.Factory.StartNew(
            () =>
            {
                var monitor = test.Pipeline.GetMonitor("m");
                double[] features = [1, 2, 3, 4, 5], attributions = [0.5, 0.4, 0.3, 0.2, 0.1], invalid = [1, double.NaN, 3, 4, 5];
                Record(monitor, features, attributions, invalid);
                test.Pipeline.FlushAsync().GetAwaiter().GetResult().ShouldBeTrue();
                var before = GC.GetAllocatedBytesForCurrentThread();
                Record(monitor, features, attributions, invalid);
                return GC.GetAllocatedBytesForCurrentThread() - before;
            },
            TaskCreationOptions.LongRunning);

        allocated.ShouldBe(0);
        test.Pipeline.GetStatistics().GetDropped(DropReason.InvalidValue).ShouldBe(2 * 1_000);

        static void Record(IModelMonitor monitor, double[] features, double[] attributions, double[] invalid)
        {
            for (var i = 0; i < 500; i++)
            {
                var id = monitor.RecordPrediction(new Prediction { NumericFeatures = features, Attributions = attributions, AttributionBaseValue = 1 });
                monitor.RecordAttributions(id, attributions, 0.5);
                monitor.RecordLimeExplanation(id, attributions, 0.1, 0.9);
                monitor.RecordAttributions(id, invalid);
                monitor.RecordPrediction(new Prediction { NumericFeatures = features, Attributions = invalid });
            }
        }
    }
}
