using ModelMonitoring.Sqlite.Internal;
using ModelMonitoring.Sqlite.Internal.Maintenance;

namespace ModelMonitoring.Sqlite.Tests.Maintenance;

public sealed class RollupPlanTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData(nameof(RollupSql.Health))]
    [InlineData(nameof(RollupSql.Estimated))]
    public async Task WindowMetricRollups_SearchTheMetricsByModelAndName_AndScanNoTable(string statement)
    {
        var path = _directory.File("plans.db");
        await using (var store = new SqliteMonitoringStore(new SqliteStorageOptions { Path = path }, loggerFactory: null))
        {
            await store.GetLastComputedAsync("fraud", CancellationToken.None); // creates the schema
        }

        using var connection = SqliteTestDatabase.Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + (statement == nameof(RollupSql.Health) ? RollupSql.Health : RollupSql.Estimated);
        command.Parameters.AddWithValue("$model", "fraud");
        command.Parameters.AddWithValue("$resolution", 0);
        command.Parameters.AddWithValue("$from", 1L);
        command.Parameters.AddWithValue("$to", 2L);

        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        plan.ShouldAllBe(step => !step.StartsWith("SCAN", StringComparison.Ordinal) || step.Contains("SCAN h", StringComparison.Ordinal) || step.Contains("SCAN x", StringComparison.Ordinal), string.Join(" | ", plan));
        plan.ShouldContain(step => step.Contains("metrics USING INDEX metrics_model_name_ts (model_id=? AND name", StringComparison.Ordinal), string.Join(" | ", plan));
    }

    public void Dispose() => _directory.Dispose();
}
