using ModelMonitoring.Alerting;
using static ModelMonitoring.Storage.ContractTests.TestData;

namespace ModelMonitoring.Storage.ContractTests;

public abstract partial class MonitoringStoreContractTests
{
    private const string NoConceptDriftStore = "the provider must set StoreUnderTest.ConceptDrift to its IConceptDriftStore";

    private static ConceptDriftCheck ConceptCheck(string model, double checkedAt, bool drifted, string metric = "realized.accuracy") => new()
    {
        Model = model,
        Metric = metric,
        CheckedAt = At(checkedAt),
        ReferenceFrom = At(checkedAt - 600),
        ReferenceTo = At(checkedAt - 120),
        CurrentFrom = At(checkedAt - 120),
        CurrentTo = At(checkedAt - 0.000001),
        ReferenceMean = 0.9123456789012345,
        ReferenceCount = 8,
        CurrentMean = drifted ? 0.7 : 0.91,
        CurrentCount = 2,
        TStatistic = drifted ? 12.345678901234567 : 0.25,
        DegreesOfFreedom = 1.3120124804992211,
        PValue = drifted ? 2.4822288982058904e-224 : 0.41,
        DegradationPercent = drifted ? 23.24324324324325 : 0.25,
        Drifted = drifted,
        Severity = drifted ? AlertSeverity.Critical : null,
    };

    [Fact]
    public async Task ConceptDriftChecks_ReadBackExactly_OldestFirst_ForTheModelAndRange()
    {
        await using var store = await CreateStoreAsync();
        var checks = store.ConceptDrift.ShouldNotBeNull(NoConceptDriftStore);
        var later = ConceptCheck("concept", 200, drifted: true);
        var first = ConceptCheck("concept", 100, drifted: false);
        var mae = ConceptCheck("concept", 100, drifted: true, metric: "realized.mae") with { Severity = AlertSeverity.Warning };
        var outside = ConceptCheck("concept", 300, drifted: true);
        await checks.SaveConceptDriftCheckAsync(later);
        await checks.SaveConceptDriftCheckAsync(mae);
        await checks.SaveConceptDriftCheckAsync(first);
        await checks.SaveConceptDriftCheckAsync(outside);
        await checks.SaveConceptDriftCheckAsync(ConceptCheck("other", 150, drifted: true));

        var read = await checks.GetConceptDriftAsync("concept", At(100), At(300));

        read.ShouldBe([first, mae, later]);
    }

    [Fact]
    public async Task ConceptDriftChecks_OnlyDrifted_LeavesOutTheChecksWithoutDrift()
    {
        await using var store = await CreateStoreAsync();
        var checks = store.ConceptDrift.ShouldNotBeNull(NoConceptDriftStore);
        await checks.SaveConceptDriftCheckAsync(ConceptCheck("concept", 100, drifted: false));
        await checks.SaveConceptDriftCheckAsync(ConceptCheck("concept", 110, drifted: true));

        var drifted = await checks.GetConceptDriftAsync("concept", At(0), At(1000), onlyDrifted: true);
        var all = await checks.GetConceptDriftAsync("concept", At(0), At(1000));

        drifted.Select(c => c.CheckedAt).ShouldBe([At(110)]);
        all.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ConceptDriftChecks_KeepNaNAndInfinity_AndAnEmptyRangeReadsNothing()
    {
        await using var store = await CreateStoreAsync();
        var checks = store.ConceptDrift.ShouldNotBeNull(NoConceptDriftStore);
        var constant = ConceptCheck("concept", 100, drifted: false) with { TStatistic = double.NaN, PValue = double.NaN, DegradationPercent = double.PositiveInfinity };
        await checks.SaveConceptDriftCheckAsync(constant);

        var read = (await checks.GetConceptDriftAsync("concept", At(0), At(1000))).ShouldHaveSingleItem();
        var empty = await checks.GetConceptDriftAsync("concept", At(100), At(100));

        double.IsNaN(read.TStatistic).ShouldBeTrue();
        double.IsNaN(read.PValue).ShouldBeTrue();
        read.DegradationPercent.ShouldBe(double.PositiveInfinity);
        read.Severity.ShouldBeNull();
        empty.ShouldBeEmpty();
    }
}
