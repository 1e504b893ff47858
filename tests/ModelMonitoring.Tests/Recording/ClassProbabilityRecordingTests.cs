using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;
using ModelMonitoring.Tests.Configuration;

namespace ModelMonitoring.Tests.Recording;

// Class probabilities (Prediction.ClassProbabilities) of a model that declares its classes: validated when recorded,
// carried through the ring beside the features and handed to sinks in the order of the declared classes.
public sealed class ClassProbabilityRecordingTests
{
    private static readonly double[] Features = [1, 2, 3, 4];

    [Fact]
    public async Task RecordPrediction_WithClassProbabilities_ReachesTheSinkInClassOrder()
    {
        await using var test = TestPipeline.Create(o => o.AddModel("m", m => m.NumericFeatures("a", "b", "c", "d").Classes("cat", "dog", "bird")));
        var monitor = test.Pipeline.GetMonitor("m");

        monitor.RecordPrediction(new Prediction { NumericFeatures = Features, PredictedClass = "dog", Confidence = 0.7, ClassProbabilities = [0.2, 0.7, 0.1] }).IsEmpty.ShouldBeFalse();
        monitor.RecordPrediction(new Prediction { NumericFeatures = [5, 6, 7, 8], PredictedClass = "cat", Confidence = 0.5, CategoricalFeatures = [], ClassProbabilities = [0.5, 0.25, 0.25] }).IsEmpty.ShouldBeFalse();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        var stored = test.Sink.Predictions;
        stored.Count.ShouldBe(2);
        stored[0].NumericFeatures.ToArray().ShouldBe(Features);
        stored[0].ClassProbabilities.ToArray().ShouldBe([0.2, 0.7, 0.1]);
        stored[1].NumericFeatures.ToArray().ShouldBe([5.0, 6, 7, 8]);
        stored[1].ClassProbabilities.ToArray().ShouldBe([0.5, 0.25, 0.25]);
        test.Pipeline.Models.Single().Classes.ShouldBe(["cat", "dog", "bird"]);
    }

    [Fact]
    public async Task ASlotReusedByAPredictionWithoutProbabilities_HandsNoneOfTheEarlierOnes()
    {
        // A small buffer, so that every slot is written again: the probabilities a slot held stay in its side values,
        // and only the entry's flag may say whether they belong to the prediction now in it.
        await using var test = TestPipeline.Create(o =>
        {
            o.BufferCapacity = 64;
            o.AddModel("m", m => m.NumericFeatures("a", "b", "c", "d").Classes("no", "yes"));
        });
        var monitor = test.Pipeline.GetMonitor("m");

        for (var round = 0; round < 8; round++)
        {
            for (var i = 0; i < 8; i++)
            {
                var id = round % 2 == 0
                    ? monitor.RecordPrediction(new Prediction { NumericFeatures = Features, PredictedClass = "yes", ClassProbabilities = [0.25, 0.75] })
                    : monitor.RecordPrediction(new Prediction { NumericFeatures = Features, PredictedClass = "yes" });
                id.IsEmpty.ShouldBeFalse();
            }

            (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        }

        var stored = test.Sink.Predictions;
        stored.Count.ShouldBe(64);
        for (var i = 0; i < stored.Count; i++)
        {
            stored[i].ClassProbabilities.ToArray().ShouldBe((i / 8) % 2 == 0 ? [0.25, 0.75] : [], $"prediction {i}");
        }
    }

    [Theory]
    [InlineData(new[] { 0.5, 0.5 }, nameof(DropReason.SchemaMismatch))]
    [InlineData(new[] { 0.25, 0.25, 0.25, 0.25 }, nameof(DropReason.SchemaMismatch))]
    [InlineData(new[] { 0.5, double.NaN, 0.5 }, nameof(DropReason.InvalidValue))]
    [InlineData(new[] { -0.1, 0.6, 0.5 }, nameof(DropReason.InvalidValue))]
    [InlineData(new[] { 1.1, 0, -0.1 }, nameof(DropReason.InvalidValue))]
    [InlineData(new[] { 0.5, 0.5, 0.5 }, nameof(DropReason.InvalidValue))]
    [InlineData(new[] { 0.3, 0.3, 0.3 }, nameof(DropReason.InvalidValue))]
    [InlineData(new[] { 0.5, 0.5, 0.002 }, nameof(DropReason.InvalidValue))]
    [InlineData(new[] { double.PositiveInfinity, 0, 0 }, nameof(DropReason.InvalidValue))]
    public async Task InvalidClassProbabilities_RejectThePrediction_CountedByReason(double[] probabilities, string reason)
    {
        await using var test = TestPipeline.Create(o => o.AddModel("m", m => m.NumericFeatures("a", "b", "c", "d").Classes("a", "b", "c")));

        test.Pipeline.GetMonitor("m").RecordPrediction(new Prediction { NumericFeatures = Features, PredictedClass = "a", ClassProbabilities = probabilities }).IsEmpty.ShouldBeTrue();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        test.Sink.Predictions.ShouldBeEmpty();
        var statistics = test.Pipeline.GetStatistics();
        statistics.GetDropped(Enum.Parse<DropReason>(reason)).ShouldBe(1);
        statistics.Dropped.ShouldBe(1);
    }

    [Fact]
    public async Task ProbabilitiesSummingToOneWithinTheTolerance_AreStoredAsGiven()
    {
        await using var test = TestPipeline.Create(o => o.AddModel("m", m => m.NumericFeatures("a", "b", "c", "d").Classes("a", "b", "c")));
        var monitor = test.Pipeline.GetMonitor("m");

        // float32 softmax output, and a sum off by just under the tolerance either way.
        float[] single = [0.1f, 0.2f, 0.7f];
        double[] fromSingle = [single[0], single[1], single[2]];
        monitor.RecordPrediction(new Prediction { NumericFeatures = Features, ClassProbabilities = fromSingle }).IsEmpty.ShouldBeFalse();
        monitor.RecordPrediction(new Prediction { NumericFeatures = Features, ClassProbabilities = [0.3, 0.3, 0.4009] }).IsEmpty.ShouldBeFalse();
        monitor.RecordPrediction(new Prediction { NumericFeatures = Features, ClassProbabilities = [0.3, 0.3, 0.3991] }).IsEmpty.ShouldBeFalse();
        monitor.RecordPrediction(new Prediction { NumericFeatures = Features, ClassProbabilities = [0, 0, 1] }).IsEmpty.ShouldBeFalse();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        test.Sink.Predictions.Select(p => p.ClassProbabilities.ToArray()).ShouldBe([fromSingle, [0.3, 0.3, 0.4009], [0.3, 0.3, 0.3991], [0.0, 0, 1]]);
        test.Pipeline.GetStatistics().Dropped.ShouldBe(0);
    }

    [Fact]
    public async Task ClassProbabilities_OnAModelWithoutClasses_AreASchemaMismatch_AndEmptyOnesAreNone()
    {
        await using var test = TestPipeline.Create(o => o.AddModel("m", m => m.NumericFeatures("a", "b", "c", "d")));
        var monitor = test.Pipeline.GetMonitor("m");

        monitor.RecordPrediction(new Prediction { NumericFeatures = Features, ClassProbabilities = [0.5, 0.5] }).IsEmpty.ShouldBeTrue();
        monitor.RecordPrediction(new Prediction { NumericFeatures = Features, ClassProbabilities = [] }).IsEmpty.ShouldBeFalse();
        (await test.Pipeline.FlushAsync()).ShouldBeTrue();

        test.Pipeline.GetStatistics().GetDropped(DropReason.SchemaMismatch).ShouldBe(1);
        test.Sink.Predictions.Single().ClassProbabilities.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public async Task RecordingClassProbabilities_WarmedUp_AllocatesNothing()
    {
        await using var test = TestPipeline.Create(o =>
        {
            o.BufferCapacity = 1 << 16;
            o.MaxBatchSize = 65_536;
            o.AddModel("m", m => m.NumericFeatures("a", "b", "c", "d").Classes("a", "b", "c"));
        });

        var allocated = await Task.Factory.StartNew(
            () =>
            {
                var monitor = test.Pipeline.GetMonitor("m");
                var probabilities = new double[] { 0.2, 0.3, 0.5 };
                var invalid = new double[] { 0.2, 0.3, 0.6 };
                void Record()
                {
                    for (var i = 0; i < 2_000; i++)
                    {
                        monitor.RecordPrediction(new Prediction { NumericFeatures = Features, PredictedClass = "c", Confidence = 0.5, ClassProbabilities = probabilities });
                        monitor.RecordPrediction(new Prediction { NumericFeatures = Features, PredictedClass = "c", ClassProbabilities = invalid });
                    }
                }

                Record();
                test.Pipeline.FlushAsync().GetAwaiter().GetResult().ShouldBeTrue();
                var before = GC.GetAllocatedBytesForCurrentThread();
                Record();
                return GC.GetAllocatedBytesForCurrentThread() - before;
            },
            TaskCreationOptions.LongRunning);

        allocated.ShouldBe(0);
        test.Pipeline.GetStatistics().GetDropped(DropReason.InvalidValue).ShouldBe(4_000);
    }

    [Theory]
    [InlineData(new string[0], "Classes: the class list is empty;")]
    [InlineData(new[] { "only" }, "Classes: 1 classes are not allowed; declare from 2 to 1,000.")]
    [InlineData(new[] { "a", "b", "a" }, "Classes: 'a' is declared more than once;")]
    [InlineData(new[] { "a", "", "c" }, "Classes: '' is not allowed; use 1 to 256 characters (RecordingLimits.MaxLabelLength)")]
    [InlineData(new[] { "a", "b\0" }, "Classes: 'b\0' is not allowed; use 1 to 256 characters (RecordingLimits.MaxLabelLength) with no NUL character or unpaired surrogate.")]
    public void BadClasses_FailAtStartUpNamingTheSetting(string[] classes, string expected)
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o => o.AddModel("m", m => m.NumericFeatures("x").Classes(classes))).AddSink(new RecordingSink())));

        error.Message.ShouldContain($"ModelMonitoringOptions.Models['m'].{expected}");
    }

    [Fact]
    public void TooManyOrTooLongClasses_FailAtStartUp()
    {
        var error = Should.Throw<OptionsValidationException>(() => MonitoringPipeline.Create(b => b.Configure(o =>
        {
            o.Limits.MaxLabelLength = 8;
            o.AddModel("many", m => m.Classes([.. Enumerable.Range(0, 1_001).Select(i => $"c{i}")]));
            o.AddModel("long", m => m.Classes("short", "far-too-long"));
        }).AddSink(new RecordingSink())));

        error.Message.ShouldContain("ModelMonitoringOptions.Models['many'].Classes: 1,001 classes are not allowed; declare from 2 to 1,000.");
        error.Message.ShouldContain("ModelMonitoringOptions.Models['long'].Classes: 'far-too-long' is not allowed; use 1 to 8 characters");
    }

    [Fact]
    public async Task Classes_FromConfiguration_ReplaceTheList_AndRecord()
    {
        const string json = """
            { "ModelMonitoring": { "Models": { "species": { "NumericFeatures": [ "a", "b", "c", "d" ], "Classes": [ "setosa", "versicolor", "virginica" ] } } } }
            """;
        var services = new ServiceCollection();
        services.AddModelMonitoring(ConfigurationBindingTests.Configuration(json).GetSection("ModelMonitoring")).AddSink(new RecordingSink());
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ModelMonitoringOptions>>().Value;

        options.Models.Single().ClassNames.ShouldBe(["setosa", "versicolor", "virginica"]);
    }
}
