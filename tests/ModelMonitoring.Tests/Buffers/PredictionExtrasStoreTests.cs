using ModelMonitoring.Buffers;
using ModelMonitoring.Recording;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.Buffers;

public class PredictionExtrasStoreTests
{
    [Fact]
    public void ForProducer_CreatesOnlyTheShardsArrayAndTakeClearsTheSlot()
    {
        var store = new PredictionExtrasStore(shards: 3, shardCapacity: 4);

        ref var extras = ref store.ForProducer(shard: 1, slot: 2);
        extras.Segment = "eu";
        extras.InputHash = 7;

        store.IsAllocated(0).ShouldBeFalse();
        store.IsAllocated(1).ShouldBeTrue();
        store.IsAllocated(2).ShouldBeFalse();
        var taken = store.Take(shard: 1, slot: 2);
        taken.Segment.ShouldBe("eu");
        taken.InputHash.ShouldBe(7UL);
        store.Take(shard: 1, slot: 2).Segment.ShouldBeNull();
    }

    [Fact]
    public async Task Pipeline_PredictionsWithoutRareValues_NeverCreateAnExtrasArray()
    {
        await using var test = TestPipeline.Create(o => o.AddModel("m", m => m.NumericFeatures("a").CategoricalFeatures("c")));
        var monitor = (ModelMonitor)test.Pipeline.GetMonitor("m");
        var at = test.Clock.GetUtcNow().AddHours(-1);

        for (var i = 0; i < 100; i++)
        {
            monitor.RecordPrediction(new Prediction { NumericFeatures = [i], CategoricalFeatures = ["x"], PredictedClass = "a", Confidence = 0.5, Timestamp = at });
        }

        (await test.Pipeline.FlushAsync()).ShouldBeTrue();
        test.Sink.Predictions.Count.ShouldBe(100);
        Enumerable.Range(0, monitor.Predictions.Shards.Count).ShouldAllBe(shard => !monitor.Extras.IsAllocated(shard));
    }
}
