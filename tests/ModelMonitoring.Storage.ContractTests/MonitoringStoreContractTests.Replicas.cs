using ModelMonitoring.Fleet;
using ModelMonitoring.Recording;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task Replicas_ASummarySaved_ReadsBackWithEveryField()
    {
        await using var store = await CreateStoreAsync();
        var replicas = store.Replicas.ShouldNotBeNull("the provider must pass its IReplicaStore to StoreUnderTest");
        var saved = Replica("web-1-4242", leader: true) with
        {
            Received = 1_000,
            Stored = 990,
            Dropped = 10,
            DroppedByReason = new Dictionary<DropReason, long> { [DropReason.BufferFull] = 7, [DropReason.SinkFailure] = 3 },
        };

        await replicas.SaveReplicaAsync(saved);
        var read = (await replicas.GetReplicasAsync()).ShouldHaveSingleItem();

        read.Name.ShouldBe("web-1-4242");
        read.StartedAt.ShouldBe(At(1.000001));
        read.LastSeen.ShouldBe(At(61.5));
        read.Received.ShouldBe(1_000);
        read.Stored.ShouldBe(990);
        read.Dropped.ShouldBe(10);
        read.DroppedByReason.OrderBy(r => r.Key).ShouldBe([new(DropReason.BufferFull, 7), new(DropReason.SinkFailure, 3)]);
        read.IsLeader.ShouldBeTrue();
    }

    [Fact]
    public async Task Replicas_TwoNames_GiveTwoRows_AndALaterSaveOfOneReplacesItsRow()
    {
        await using var store = await CreateStoreAsync();
        var replicas = store.Replicas.ShouldNotBeNull("the provider must pass its IReplicaStore to StoreUnderTest");

        await replicas.SaveReplicaAsync(Replica("web-2", leader: false));
        await replicas.SaveReplicaAsync(Replica("web-1", leader: true));
        await replicas.SaveReplicaAsync(Replica("web-2", leader: false) with { Received = 5, Stored = 5, LastSeen = At(120) });
        var read = await replicas.GetReplicasAsync();

        read.Select(r => r.Name).ShouldBe(["web-1", "web-2"]);
        read[0].IsLeader.ShouldBeTrue();
        read[0].DroppedByReason.ShouldBeEmpty();
        read[1].IsLeader.ShouldBeFalse();
        read[1].Received.ShouldBe(5);
        read[1].LastSeen.ShouldBe(At(120));
    }

    private static ReplicaSummary Replica(string name, bool leader) => new()
    {
        Name = name,
        StartedAt = At(1.000001),
        LastSeen = At(61.5),
        IsLeader = leader,
    };
}
