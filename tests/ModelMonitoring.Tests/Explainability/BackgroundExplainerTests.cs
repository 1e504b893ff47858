using ModelMonitoring.Explainability;
using ModelMonitoring.Recording;
using static ModelMonitoring.Tests.Explainability.ExplainerTestModels;

namespace ModelMonitoring.Tests.Explainability;

public class BackgroundExplainerTests
{
    private const int Features = 4;
    private static readonly double[] Background = Rows(10, Features, seed: 1);

    [Fact]
    public void RunCycle_StopsAtMaxExplanationsPerCycle_RestWaitForTheNextCycle()
    {
        var recorder = new Recorder();
        var runner = Runner(recorder, new FakeTimeProvider(), TimeSpan.FromHours(1), maxPerCycle: 3, advancePerCall: TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            runner.Offer(new PredictionId(0, (ulong)i), Rows(1, Features, seed: 10 + i)).ShouldBeTrue();
        }

        runner.RunCycle().ShouldBe(3);
        runner.Pending.ShouldBe(2);
        runner.RunCycle().ShouldBe(2);

        recorder.Ids.ShouldBe([.. Enumerable.Range(0, 5).Select(i => new PredictionId(0, (ulong)i))]);
    }

    [Fact]
    public void RunCycle_StopsWhenTheTimeBudgetIsSpent_MeasuredWithTheTimeProvider()
    {
        var recorder = new Recorder();
        var time = new FakeTimeProvider();
        var runner = Runner(recorder, time, TimeSpan.FromMilliseconds(25), maxPerCycle: 100, advancePerCall: TimeSpan.FromMilliseconds(10), perExplanationCalls: true);
        for (var i = 0; i < 10; i++)
        {
            runner.Offer(new PredictionId(1, (ulong)i), Rows(1, Features, seed: 20 + i));
        }

        var done = runner.RunCycle();

        done.ShouldBe(3);
        runner.Pending.ShouldBe(7);
    }

    [Fact]
    public void RunCycle_RecordsTheSameAttributionsAsTheExplainer()
    {
        var recorder = new Recorder();
        var runner = Runner(recorder, new FakeTimeProvider(), TimeSpan.FromHours(1), maxPerCycle: 10, advancePerCall: TimeSpan.Zero);
        var instance = Rows(1, Features, seed: 30);
        var expected = Explainer(new FakeTimeProvider(), TimeSpan.Zero).Explain(instance);

        runner.Offer(new PredictionId(2, 2), instance);
        runner.RunCycle();

        recorder.Attributions.Single().ShouldBe(expected.Attributions.ToArray());
        recorder.BaseValues.Single().ShouldBe(expected.BaseValue);
    }

    [Fact]
    public void Offer_SampleRateZeroTakesNothing_FullQueueDropsAndCounts()
    {
        var none = new BackgroundExplainer(Explainer(new FakeTimeProvider(), TimeSpan.Zero), new Recorder(), new FakeTimeProvider(), new BackgroundExplanationSettings(0, 10, TimeSpan.FromSeconds(1), 4, 1));
        var all = new BackgroundExplainer(Explainer(new FakeTimeProvider(), TimeSpan.Zero), new Recorder(), new FakeTimeProvider(), new BackgroundExplanationSettings(1, 10, TimeSpan.FromSeconds(1), 2, 1));
        var row = Rows(1, Features, seed: 40);

        none.Offer(default, row).ShouldBeFalse();
        none.Pending.ShouldBe(0);
        all.Offer(default, row).ShouldBeTrue();
        all.Offer(default, row).ShouldBeTrue();
        all.Offer(default, row).ShouldBeFalse();
        all.Dropped.ShouldBe(1);
    }

    [Fact]
    public void Offer_HalfSampleRate_TakesAboutHalf()
    {
        var runner = new BackgroundExplainer(Explainer(new FakeTimeProvider(), TimeSpan.Zero), new Recorder(), new FakeTimeProvider(), new BackgroundExplanationSettings(0.5, 10, TimeSpan.FromSeconds(1), 10_000, 7));
        var row = Rows(1, Features, seed: 50);

        var taken = Enumerable.Range(0, 4_000).Count(i => runner.Offer(new PredictionId(3, (ulong)i), row));

        taken.ShouldBeInRange(1_800, 2_200);
    }

    private static BackgroundExplainer Runner(Recorder recorder, FakeTimeProvider time, TimeSpan budget, int maxPerCycle, TimeSpan advancePerCall, bool perExplanationCalls = false)
    {
        var explainer = Explainer(time, TimeSpan.Zero);
        if (perExplanationCalls)
        {
            // 16 coalitions x 10 rows fit one batch, so one model call per explanation advances the clock once.
            explainer = Explainer(time, advancePerCall);
        }

        return new BackgroundExplainer(explainer, recorder, time, new BackgroundExplanationSettings(1, maxPerCycle, budget, 100, 1));
    }

    private static KernelShapExplainer Explainer(FakeTimeProvider time, TimeSpan advancePerCall) => new(Model(time, advancePerCall), Background, Features);

    private static BatchPredictor Model(FakeTimeProvider time, TimeSpan advancePerCall)
    {
        var model = Linear([1.0, -2.0, 0.5, 3.0], 0.25);
        return (rows, outputs) =>
        {
            time.Advance(advancePerCall);
            model(rows, outputs);
        };
    }

    private sealed class Recorder : IAttributionRecorder
    {
        public List<PredictionId> Ids { get; } = [];

        public List<double[]> Attributions { get; } = [];

        public List<double?> BaseValues { get; } = [];

        public void RecordAttributions(PredictionId predictionId, ReadOnlySpan<double> attributions, double? baseValue)
        {
            Ids.Add(predictionId);
            Attributions.Add(attributions.ToArray());
            BaseValues.Add(baseValue);
        }
    }
}
