using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

// Explanations expire with the raw predictions (default 30 days); concept drift checks with the window-level rows (default 90 days).
public abstract partial class MonitoringStoreContractTests
{
    [Fact]
    public async Task Maintenance_DeletesExplanationsWithTheRawRows_AndConceptChecksWithTheWindowRows()
    {
        await using var store = await CreateStoreAsync();
        var maintain = store.Maintain.ShouldNotBeNull(NoTrends);
        var checks = store.ConceptDrift.ShouldNotBeNull(NoConceptDriftStore);
        var model = Schema("expiring-checks", numeric: ["amount"]);
        var prediction = Prediction(At(10), numeric: [1.0]);
        await WriteAsync(store, Batch(model, [prediction]));
        await WriteAsync(store, Explained(model, Attributions(prediction.Id, At(11), [0.5])));
        await checks.SaveConceptDriftCheckAsync(ConceptCheck("expiring-checks", 20, drifted: true));

        await maintain(T0.AddDays(2));
        (await store.Reader.GetExplanationAsync(prediction.Id)).ShouldNotBeNull();

        await maintain(T0.AddDays(45));
        (await store.Reader.GetExplanationAsync(prediction.Id)).ShouldBeNull();
        (await checks.GetConceptDriftAsync("expiring-checks", All.From, All.To, onlyDrifted: false)).ShouldHaveSingleItem();

        await maintain(T0.AddDays(120));
        (await checks.GetConceptDriftAsync("expiring-checks", All.From, All.To, onlyDrifted: false)).ShouldBeEmpty();
    }
}
