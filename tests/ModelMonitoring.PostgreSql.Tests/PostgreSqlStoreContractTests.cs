using ModelMonitoring.PostgreSql.Internal;
using ModelMonitoring.PostgreSql.Internal.Fleet;
using ModelMonitoring.PostgreSql.Tests.Server;
using ModelMonitoring.Storage.ContractTests;

namespace ModelMonitoring.PostgreSql.Tests;

/// <summary>The storage contract, run against a real PostgreSQL server, each test in a fresh schema.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlStoreContractTests(PostgreSqlServer server) : MonitoringStoreContractTests
{
    protected override async Task<StoreUnderTest> CreateStoreAsync()
    {
        var store = new PostgreSqlMonitoringStore(new PostgreSqlStorageOptions { DataSource = server.DataSource, Schema = PostgreSqlServer.NewSchemaName() }, clock: null, loggerFactory: null);
        await store.OpenAsync(CancellationToken.None);
        return new StoreUnderTest(store, store, new PostgreSqlAlertStore(store), store.GetPredictionsAsync, store.DisposeAsync, new PostgreSqlReferenceProfileStore(store), new PostgreSqlAlertRuleStore(store), replicas: new PostgreSqlReplicaStore(store), performance: new PostgreSqlRealizedPerformanceStore(store), windowPartials: new PostgreSqlWindowPartialStore(store), trends: store, maintain: now => store.RunMaintenanceAsync(now, CancellationToken.None)) { ConceptDrift = new PostgreSqlConceptDriftStore(store), WindowMetrics = store, HealthChecks = store, ReadModels = store.GetModelsAsync };
    }
}
