using ModelMonitoring.Sqlite.Internal;
using ModelMonitoring.Storage.ContractTests;

namespace ModelMonitoring.Sqlite.Tests;

/// <summary>The storage contract, run against a real SQLite file in a temporary directory.</summary>
public sealed class SqliteStoreContractTests : MonitoringStoreContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    protected override Task<StoreUnderTest> CreateStoreAsync()
    {
        var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = _directory.File("contract.db") }, loggerFactory: null);
        return Task.FromResult(new StoreUnderTest(store, store, store, store.GetPredictionsAsync, store.DisposeAsync, new SqliteReferenceProfileStore(store), new SqliteAlertRuleStore(store), new SqliteReplicaStore(store), new SqliteRealizedPerformanceStore(store), new SqliteWindowPartialStore(store), store, now => Task.FromResult(store.RunMaintenance(now))) { ConceptDrift = new SqliteConceptDriftStore(store), WindowMetrics = store, HealthChecks = store, ReadModels = store.GetModelsAsync });
    }

    public void Dispose() => _directory.Dispose();
}
