using Microsoft.Extensions.Logging.Abstractions;
using ModelMonitoring.Drift;
using ModelMonitoring.DriftMonitoring;
using ModelMonitoring.Storage;
using ModelMonitoring.Testing;

namespace ModelMonitoring.Tests.DriftMonitoring;

/// <summary>The reference keeper in a fleet (<see cref="ReferenceKeeper.Leads"/>): the leader learns, the others wait for the stored reference.</summary>
public class FleetReferenceKeeperTests
{
    private const int Rows = 50;
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly ModelSchema Schema = new("m", "1", "test", ["x"], []);

    [Fact]
    public async Task Follower_DoesNotLearn_AndUsesTheReferenceOnceTheLeaderHasSavedIt()
    {
        var store = new RecordingReferenceStore();
        var keeper = Create(store, leads: false);

        await keeper.SyncAsync(Now, CancellationToken.None);
        Feed(keeper, offset: 0);
        keeper.RowsCollected.ShouldBe(0);
        keeper.Current.ShouldBeNull();

        var saved = Profile(offset: 1_000);
        await store.SaveAsync("m", saved);
        await keeper.SyncAsync(Now.AddMinutes(1), CancellationToken.None);

        keeper.Current.ShouldBeSameAs(saved);
        store.Saves.ShouldBe(1);
    }

    [Fact]
    public async Task Leader_WhoseLearnedReferenceLosesTheRaceToAnotherReplicas_UsesTheStoredOne_AndDoesNotReplaceIt()
    {
        var store = new RecordingReferenceStore();
        var keeper = Create(store, leads: true);
        await keeper.SyncAsync(Now, CancellationToken.None);
        Feed(keeper, offset: 0);
        keeper.Current.ShouldNotBeNull();

        var first = Profile(offset: 1_000);
        await store.SaveAsync("m", first); // saved by the previous leader meanwhile
        await keeper.SyncAsync(Now, CancellationToken.None);
        await keeper.SyncAsync(Now, CancellationToken.None);

        store["m"].ShouldBeSameAs(first);
        keeper.Current.ShouldBeSameAs(first);
    }

    private static ReferenceKeeper Create(IReferenceProfileStore store, bool leads) =>
        new(Schema, new DriftMonitoringOptions { ReferenceFromFirst = Rows }, store, TimeSpan.FromSeconds(5), new FakeTimeProvider(Now), NullLogger.Instance)
        {
            Leads = () => leads,
        };

    private static void Feed(ReferenceKeeper keeper, int offset)
    {
        for (var i = 0; i < Rows; i++)
        {
            keeper.Observe(new PredictionRecord { Timestamp = Now, NumericFeatures = new double[] { offset + i } });
        }
    }

    private static ReferenceProfile Profile(int offset) =>
        ReferenceProfile.Create(new Dictionary<string, double[]> { ["x"] = [.. Enumerable.Range(offset, Rows).Select(i => (double)i)] });
}
