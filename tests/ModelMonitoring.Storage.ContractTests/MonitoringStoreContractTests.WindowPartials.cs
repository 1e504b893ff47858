using ModelMonitoring.Fleet;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task WindowPartials_SavedThenRead_KeepEveryCountSumBucketClassAndCustomMetric()
    {
        await using var store = await CreateStoreAsync();
        var partials = store.WindowPartials.ShouldNotBeNull("the provider must pass its IWindowPartialStore to StoreUnderTest");
        var saved = Partial("web-1", count: 7) with
        {
            Errors = 2,
            LatencySumMs = 123.456789012345,
            LatencyMinMs = 0.1,
            LatencyMaxMs = 99.75,
            LatencyBuckets = new Dictionary<int, long> { [0] = 1, [345] = 4, [1299] = 2 },
            ConfidenceSum = 5.1,
            ConfidenceCount = 6,
            ClassCounts = new Dictionary<string, long> { ["cat"] = 4, ["dög \"x\""] = 3 },
            LabelCount = 5,
            CorrectCount = 3,
            ClassLabelCount = 4,
            AbsoluteErrorSum = 0.30000000000000004,
            ValueLabelCount = 1,
            CustomMetrics = [new CustomMetricPartial { Name = "revenue", Count = 3, Sum = 1e300, Mean = 3.3333333333333335e299, Min = -1.5, Max = 1e300, Last = 2.5, LastTimestamp = At(30.000001) }],
        };

        await partials.SaveWindowPartialsAsync([saved]);
        var read = (await partials.GetUnmergedWindowPartialsAsync("fraud", At(60))).ShouldHaveSingleItem();

        read.Model.ShouldBe("fraud");
        read.Replica.ShouldBe("web-1");
        read.WindowStart.ShouldBe(T0);
        read.WindowEnd.ShouldBe(At(60));
        (read.Count, read.Errors, read.ConfidenceCount, read.LabelCount, read.CorrectCount, read.ClassLabelCount, read.ValueLabelCount).ShouldBe((7L, 2L, 6L, 5L, 3L, 4L, 1L));
        (read.LatencySumMs, read.LatencyMinMs, read.LatencyMaxMs, read.ConfidenceSum, read.AbsoluteErrorSum).ShouldBe((123.456789012345, (double?)0.1, (double?)99.75, 5.1, 0.30000000000000004));
        read.LatencyBuckets.OrderBy(b => b.Key).ShouldBe(saved.LatencyBuckets.OrderBy(b => b.Key));
        read.ClassCounts.OrderBy(c => c.Key, StringComparer.Ordinal).ShouldBe(saved.ClassCounts.OrderBy(c => c.Key, StringComparer.Ordinal));
        read.CustomMetrics.ShouldHaveSingleItem().ShouldBe(saved.CustomMetrics[0]);
    }

    [Fact]
    public async Task WindowPartials_SavedThenRead_KeepEveryFeatureQualityCount()
    {
        await using var store = await CreateStoreAsync();
        var partials = store.WindowPartials.ShouldNotBeNull("the provider must pass its IWindowPartialStore to StoreUnderTest");
        FeatureQualityPartial[] quality =
        [
            new() { Feature = "amount", Values = 9, Missing = 3, Checked = 9, Outside = 2, Min = -1.5e-300, Max = 0.30000000000000004 },
            new() { Feature = "country", Values = 4, Missing = 1, Checked = 0, Outside = 0, MinCategory = "BE", MaxCategory = "nl \"x\" é" },
            new() { Feature = "age", Missing = 5 },
        ];

        await partials.SaveWindowPartialsAsync([Partial("web-1", count: 12) with { Quality = quality }, Partial("web-2", count: 1)]);
        var read = await partials.GetUnmergedWindowPartialsAsync("fraud", At(60));

        read[0].Quality.ShouldBe(quality);
        read[1].Quality.ShouldBeEmpty();
    }

    [Fact]
    public async Task WindowPartials_SavedAgainForTheSameReplica_ReplaceTheirRow_AndEachReplicaHasItsOwn()
    {
        await using var store = await CreateStoreAsync();
        var partials = store.WindowPartials.ShouldNotBeNull("the provider must pass its IWindowPartialStore to StoreUnderTest");

        await partials.SaveWindowPartialsAsync([Partial("web-2", count: 1), Partial("web-1", count: 2)]);
        await partials.SaveWindowPartialsAsync([Partial("web-2", count: 5)]); // a retried save is counted once
        var read = await partials.GetUnmergedWindowPartialsAsync("fraud", At(60));

        read.Select(p => (p.Replica, p.Count)).ShouldBe([("web-1", 2L), ("web-2", 5L)]);
        read.ShouldAllBe(p => p.LatencyMinMs == null && p.LatencyBuckets.Count == 0 && p.CustomMetrics.Count == 0);
    }

    [Fact]
    public async Task WindowPartials_OfWindowsNotEndedOrNotAfterTheLatestMerged_AreNotRead_AndAWindowIsMarkedMergedOnce()
    {
        await using var store = await CreateStoreAsync();
        var partials = store.WindowPartials.ShouldNotBeNull("the provider must pass its IWindowPartialStore to StoreUnderTest");
        var second = Partial("web-1", count: 3) with { WindowStart = At(60), WindowEnd = At(120) };
        var other = Partial("web-1", count: 4) with { Model = "churn" };
        await partials.SaveWindowPartialsAsync([Partial("web-1", count: 1), second, other]);

        (await partials.GetUnmergedWindowPartialsAsync("fraud", At(119.999999))).Select(p => p.WindowStart).ShouldBe([T0]);
        (await partials.TryMarkWindowMergedAsync("fraud", T0, "web-1")).ShouldBeTrue();
        (await partials.TryMarkWindowMergedAsync("fraud", T0, "web-2")).ShouldBeFalse();

        (await partials.GetUnmergedWindowPartialsAsync("fraud", At(120))).ShouldHaveSingleItem().Count.ShouldBe(3);
        (await partials.GetUnmergedWindowPartialsAsync("churn", At(120))).ShouldHaveSingleItem().Count.ShouldBe(4);

        // A window older than the latest merged one is history: a partial saved for it late is not read.
        (await partials.TryMarkWindowMergedAsync("fraud", At(60), "web-1")).ShouldBeTrue();
        await partials.SaveWindowPartialsAsync([Partial("web-3", count: 9) with { WindowStart = At(-60), WindowEnd = T0 }]);
        (await partials.GetUnmergedWindowPartialsAsync("fraud", At(600))).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReferenceProfile_SavedIfAbsent_KeepsTheFirstOne()
    {
        await using var store = await CreateStoreAsync();
        var references = store.References.ShouldNotBeNull("the provider must pass its IReferenceProfileStore to StoreUnderTest");
        var first = Reference(seed: 1, rows: 500);

        (await references.SaveIfAbsentAsync("fraud", first)).ShouldBeTrue();
        (await references.SaveIfAbsentAsync("fraud", Reference(seed: 2, rows: 700))).ShouldBeFalse();

        (await references.GetAsync("fraud")).ShouldNotBeNull().ToBytes().ShouldBe(first.ToBytes());
    }

    private static WindowPartial Partial(string replica, long count) => new()
    {
        Model = "fraud",
        Replica = replica,
        WindowStart = T0,
        WindowEnd = At(60),
        Count = count,
    };
}
